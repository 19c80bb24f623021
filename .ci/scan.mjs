// n8n's community-package scanner (@n8n/scan-community-package), which n8n runs on a published
// package before verifying it: its ESLint analysis, with inline config off, on what `npm pack`
// would publish and on the sources (the registry and provenance steps need a published version).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
	SOURCE_FILE_PATTERNS,
	analyzePackage,
} from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = new URL('..', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'smile-id-scan-'));
try {
	const [pack] = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], {
			cwd: root,
			encoding: 'utf8',
		}),
	);
	execFileSync('tar', ['xzf', join(work, pack.filename), '-C', work]);
	const scans = [
		['the packed tarball', await analyzePackage(join(work, 'package'))],
		['the sources', await analyzePackage(root, SOURCE_FILE_PATTERNS)],
	];
	for (const [what, result] of scans) {
		console.log(`n8n scanner on ${what}: ${result.passed ? '0 errors' : result.message}`);
		if (result.details) console.log(result.details);
	}
	if (scans.some(([, result]) => !result.passed)) process.exitCode = 1;
} finally {
	rmSync(work, { recursive: true, force: true });
}
