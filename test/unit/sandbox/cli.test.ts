import { spawn } from 'child_process';
import path from 'path';

import { banner, parseArgs } from '../../../sandbox/cli';
import { DEFAULT_PARTNERS } from '../../../sandbox';
import { WALLET_PATH, post, signed } from '../../support/sandbox-requests';

const ROOT = path.resolve(__dirname, '../../..');

describe('sandbox cli', () => {
	it('parses its flags', () => {
		expect(parseArgs([])).toEqual({});
		expect(
			parseArgs(['--port', '0', '--serves', 'production', '--freshness-ms=1000', '--no-seed']),
		).toEqual({
			port: 0,
			serves: 'production',
			freshnessMs: 1000,
			seed: false,
		});
		expect(() => parseArgs(['--port', 'x'])).toThrow(/port/);
		expect(() => parseArgs(['--serves', 'staging'])).toThrow(/serves/);
		expect(() => parseArgs(['--bogus'])).toThrow(/unknown/);
	});

	it('prints what the n8n credential needs', () => {
		const text = banner('http://127.0.0.1:1234', 'test', DEFAULT_PARTNERS);
		expect(text).toContain('Base URL:    http://127.0.0.1:1234');
		expect(text).toContain('Partner ID:  085');
		expect(text).toContain(`API Key:     ${DEFAULT_PARTNERS[0].keys.test}`);
		expect(text).toContain(DEFAULT_PARTNERS[0].keys.production);
		expect(text).toContain('Environment: Sandbox');
		expect(banner('http://127.0.0.1:1', 'production', DEFAULT_PARTNERS)).toContain(
			`API Key:     ${DEFAULT_PARTNERS[0].keys.production}`,
		);
	});

	it('starts on a free port, serves signed requests, and stops on SIGINT', async () => {
		const child = spawn(
			process.execPath,
			['-r', 'ts-node/register/transpile-only', 'sandbox/cli.ts', '--port', '0'],
			{
				cwd: ROOT,
				stdio: ['ignore', 'pipe', 'pipe'],
			},
		);
		try {
			let out = '';
			const url = await new Promise<string>((resolve, reject) => {
				const timer = setTimeout(() => reject(new Error(`no URL printed: ${out}`)), 30_000);
				child.stdout.on('data', (d: Buffer) => {
					out += d.toString();
					const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
					if (m && out.includes('Ctrl-C')) {
						clearTimeout(timer);
						resolve(m[1]);
					}
				});
				child.on('exit', () => reject(new Error(`exited early: ${out}`)));
			});
			expect(url).not.toMatch(/:0$/);
			const r = await post(url, WALLET_PATH, signed());
			expect(r.status).toBe(200);
			const exited = new Promise<number | null>((resolve) =>
				child.on('exit', (code) => resolve(code)),
			);
			child.kill('SIGINT');
			expect(await exited).toBe(0);
		} finally {
			if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
		}
	});
});
