// Fails when the npm package would ship anything but the built node, its credential, their
// assets and the package's own documents, or when one of the files n8n needs, the README (the
// package's page on npm) or the licence is missing.
const { execFileSync } = require('child_process');

const [pack] = JSON.parse(
	execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { encoding: 'utf8' }),
);
const files = pack.files.map((file) => file.path);
const allowed = /^(dist\/(credentials|nodes)\/.+|index\.js|package\.json|README\.md|LICENSE\.md)$/;
const strays = files.filter(
	(file) =>
		!allowed.test(file) || /(^|\/)(test|sandbox|e2e|bench)\//.test(file) || /\.test\./.test(file),
);
const required = [
	'dist/nodes/SmileId/SmileId.node.js',
	'dist/nodes/SmileId/SmileId.node.json',
	'dist/nodes/SmileId/smileId.svg',
	'dist/nodes/SmileId/smileId.dark.svg',
	'dist/credentials/SmileIdApi.credentials.js',
	'README.md',
	'LICENSE.md',
];
const missing = required.filter((file) => !files.includes(file));
console.log(`npm pack: ${files.length} files, ${pack.size} bytes packed`);
if (strays.length || missing.length) {
	if (strays.length) console.error(`Files that must not ship: ${strays.join(', ')}`);
	if (missing.length) console.error(`Files n8n needs that are missing: ${missing.join(', ')}`);
	process.exit(1);
}
