import fs from 'fs';
import path from 'path';

const ROOT = path.resolve(__dirname, '../../..');

function tsFiles(dir: string): string[] {
	if (!fs.existsSync(dir)) return [];
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
		const p = path.join(dir, e.name);
		if (e.isDirectory()) return tsFiles(p);
		return p.endsWith('.ts') ? [p] : [];
	});
}

describe('the sandbox is a development tool', () => {
	it('is not in the published files nor in the build', () => {
		const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
			files: string[];
		};
		expect(pkg.files.some((f) => f.startsWith('sandbox'))).toBe(false);
		const tsconfig = JSON.parse(fs.readFileSync(path.join(ROOT, 'tsconfig.json'), 'utf8')) as {
			include: string[];
		};
		expect(tsconfig.include.some((f) => f.startsWith('sandbox'))).toBe(false);
	});

	it('is not imported by shipped code (nodes/, credentials/)', () => {
		const offenders = [
			...tsFiles(path.join(ROOT, 'nodes')),
			...tsFiles(path.join(ROOT, 'credentials')),
		].filter((f) =>
			/from\s+['"][^'"]*sandbox[^'"]*['"]|require\(\s*['"][^'"]*sandbox/.test(
				fs.readFileSync(f, 'utf8'),
			),
		);
		expect(offenders).toEqual([]);
	});

	it("does not import the node's own code (its signature check is independent)", () => {
		const offenders = tsFiles(path.join(ROOT, 'sandbox')).filter((f) =>
			/from\s+['"][^'"]*(nodes|credentials)\//.test(fs.readFileSync(f, 'utf8')),
		);
		expect(offenders).toEqual([]);
	});
});
