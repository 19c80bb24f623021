// Fails when a link in the project's Markdown does not resolve: a relative link to a missing file,
// or a #anchor that no heading of its target makes (GitHub's heading ids). Links to this repository
// on GitHub (…/blob/main/<path>, as the README uses them) are checked against the files here, in the
// Markdown and in the nodes' and credential's documentation URLs. The README is the package's page
// on npm, which has no docs/ and does not reliably rewrite relative links: it may link other files
// only by their GitHub URL.
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const { repository } = require('../package.json');
const repoUrl = String(repository.url ?? repository)
	.replace(/^git\+/, '')
	.replace(/\.git$/, '');
const SKIPPED_FOLDERS = new Set([
	'node_modules',
	'.git',
	'dist',
	'coverage',
	'artifacts',
	'runtimes',
]);

function filesUnder(folder, wanted) {
	return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(folder, entry.name);
		if (entry.isDirectory()) return SKIPPED_FOLDERS.has(entry.name) ? [] : filesUnder(full, wanted);
		return wanted(entry.name) ? [full] : [];
	});
}

/** The lines of a Markdown file outside fenced code blocks, with their line numbers. */
function proseLines(text) {
	let fence;
	return text.split('\n').flatMap((line, index) => {
		const marker = /^\s*(```|~~~)/.exec(line)?.[1];
		if (marker && (!fence || marker === fence)) {
			fence = fence ? undefined : marker;
			return [];
		}
		return fence ? [] : [{ line, number: index + 1 }];
	});
}

/** A heading's id as GitHub makes it: the rendered text, lower-cased, punctuation dropped, spaces to hyphens. */
function slugOf(heading) {
	const codeSpans = [];
	const text = heading
		.replace(/`([^`]*)`/g, (_, code) => `\u0000${codeSpans.push(code) - 1}\u0000`)
		.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
		.replace(/<[^>]+>/g, '')
		.replace(/(\*\*|\*|~~)/g, '')
		.replace(/(^|[^\p{L}\p{N}])_+|_+(?=[^\p{L}\p{N}]|$)/gu, '$1')
		.replace(/\u0000(\d+)\u0000/g, (_, index) => codeSpans[Number(index)]);
	return text
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
		.replace(/ /g, '-');
}

const anchorsOfFile = new Map();
function anchorsOf(file) {
	if (!anchorsOfFile.has(file)) {
		const anchors = new Set();
		const seen = new Map();
		for (const { line } of proseLines(fs.readFileSync(file, 'utf8'))) {
			const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)?.[1];
			if (heading !== undefined) {
				const slug = slugOf(heading);
				const count = seen.get(slug) ?? 0;
				seen.set(slug, count + 1);
				anchors.add(count === 0 ? slug : `${slug}-${count}`);
			}
			for (const [, id] of line.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) anchors.add(id);
		}
		anchorsOfFile.set(file, anchors);
	}
	return anchorsOfFile.get(file);
}

/** Why a link target does not resolve, or undefined when it does. */
function problemOf(target, fromFile) {
	let local = target;
	if (target === repoUrl || target.startsWith(`${repoUrl}#`)) {
		local = `/README.md${target.slice(repoUrl.length)}`;
	} else if (/^\/(blob|tree)\//.test(target.slice(repoUrl.length))) {
		const onMain = /^\/(?:blob|tree)\/main\/(.*)$/.exec(target.slice(repoUrl.length));
		if (!onMain)
			return `link the file on main, ${repoUrl}/blob/main/…, which is what is checked here`;
		local = `/${onMain[1]}`;
	} else if (/^([a-z][a-z\d+.-]*:|\/\/)/i.test(target)) {
		return undefined;
	} else if (fromFile === path.join(root, 'README.md') && !target.startsWith('#')) {
		return `README.md is the package's page on npm: link ${target} by its GitHub URL, ${repoUrl}/blob/main/…`;
	}
	const [filePart, anchor] = local.split('#', 2);
	const file = !filePart
		? fromFile
		: filePart.startsWith('/')
			? path.join(root, decodeURIComponent(filePart))
			: path.join(path.dirname(fromFile), decodeURIComponent(filePart));
	if (!fs.existsSync(file)) return `no such file: ${path.relative(root, file)}`;
	if (anchor && file.endsWith('.md') && !anchorsOf(file).has(anchor)) {
		return `no heading makes #${anchor} in ${path.relative(root, file)}`;
	}
	return undefined;
}

function linksOfMarkdown(file) {
	return proseLines(fs.readFileSync(file, 'utf8')).flatMap(({ line, number }) => {
		const prose = line.replace(/`[^`]*`/g, (code) => ' '.repeat(code.length));
		const targets = [
			...[...prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]),
			...[...prose.matchAll(/^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/g)].map((m) => m[1]),
			...[...prose.matchAll(/\bhref="([^"]+)"/g)].map((m) => m[1]),
		];
		return targets.map((target) => ({ target, number }));
	});
}

function repoLinksOfSource(file) {
	const escaped = repoUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	const pattern = new RegExp(`${escaped}[^\\s'"\`)]*`, 'g');
	return fs
		.readFileSync(file, 'utf8')
		.split('\n')
		.flatMap((line, index) =>
			[...line.matchAll(pattern)].map((m) => ({ target: m[0], number: index + 1 })),
		);
}

const markdown = filesUnder(root, (name) => name.endsWith('.md'));
const sources = ['nodes', 'credentials']
	.map((folder) => path.join(root, folder))
	.filter((folder) => fs.existsSync(folder))
	.flatMap((folder) => filesUnder(folder, (name) => /\.(ts|json)$/.test(name)));

let count = 0;
const broken = [];
for (const [files, linksOf] of [
	[markdown, linksOfMarkdown],
	[sources, repoLinksOfSource],
]) {
	for (const file of files) {
		for (const { target, number } of linksOf(file)) {
			count++;
			const problem = problemOf(target, file);
			if (problem) broken.push(`${path.relative(root, file)}:${number}: ${target}: ${problem}`);
		}
	}
}

console.log(`links: ${count} in ${markdown.length} Markdown and ${sources.length} source files`);
if (broken.length) {
	console.error(`Broken links:\n${broken.join('\n')}`);
	process.exit(1);
}
