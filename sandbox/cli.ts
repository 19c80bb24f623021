/**
 * `npm run sandbox [-- --port N] [--serves test|production] [--freshness-ms MS] [--no-seed]`
 * Starts the local Smile ID sandbox on 127.0.0.1 and prints how to point n8n at it.
 * Ctrl-C (SIGINT) or SIGTERM stops it.
 */
import { ENROLLEE_PATH } from './routes/enrollee';
import { JOB_STATUS_PATH } from './routes/jobs';
import { WALLET_PATH } from './routes/wallet';
import { startSandbox } from './server';
import type { SandboxOptions } from './types';

const USAGE = `Usage: npm run sandbox -- [--port N] [--serves test|production] [--freshness-ms MS] [--no-seed]
  --port N          port on 127.0.0.1 (default 0: a free port)
  --serves ENV      which Smile ID host to stand in for: test (portal, default) or production (prod)
  --freshness-ms MS accepted timestamp skew in milliseconds (default 300000)
  --no-seed         start with an empty enrollee store`;

export function parseArgs(argv: string[]): SandboxOptions {
	const options: SandboxOptions = {};
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split('=', 2) as [string, string | undefined];
		const value = (): string => {
			const v = inline ?? argv[++i];
			if (v === undefined) throw new Error(`${flag} needs a value`);
			return v;
		};
		switch (flag) {
			case '--port': {
				const port = Number(value());
				if (!Number.isInteger(port) || port < 0 || port > 65535)
					throw new Error('--port must be 0..65535');
				options.port = port;
				break;
			}
			case '--serves': {
				const env = value();
				if (env !== 'test' && env !== 'production')
					throw new Error('--serves must be test or production');
				options.serves = env;
				break;
			}
			case '--freshness-ms': {
				const ms = Number(value());
				if (!Number.isFinite(ms) || ms < 0)
					throw new Error('--freshness-ms must be a non-negative number');
				options.freshnessMs = ms;
				break;
			}
			case '--no-seed':
				options.seed = false;
				break;
			case '--help':
			case '-h':
				throw new Error('help');
			default:
				throw new Error(`unknown argument ${argv[i]}`);
		}
	}
	return options;
}

export function banner(
	url: string,
	serves: 'test' | 'production',
	partners: { partnerId: string; keys: { test: string; production: string } }[],
): string {
	const p = partners[0];
	const lines = [
		`Smile ID sandbox listening on ${url}  (stands in for the ${serves === 'test' ? 'Sandbox (portal.smileidentity.com)' : 'Production (prod.smileidentity.com)'} host)`,
		`  POST ${url}${ENROLLEE_PATH}`,
		`  POST ${url}${WALLET_PATH}`,
		`  POST ${url}${JOB_STATUS_PATH}  (Smile ID's job API: job results)`,
		'',
		'Partners (sandbox-only keys; they are not Smile ID credentials):',
		...partners.flatMap((x) => [
			`  Partner ID ${x.partnerId}`,
			`    test key:       ${x.keys.test}`,
			`    production key: ${x.keys.production}`,
		]),
		'',
		'To use it from n8n, create a "Smile ID API" credential with:',
		`  Partner ID:  ${p.partnerId}`,
		`  API Key:     ${p.keys[serves]}`,
		'  Email:       anything, e.g. you@example.com',
		`  Environment: ${serves === 'test' ? 'Sandbox' : 'Production'}`,
		`  Base URL:    ${url}`,
		'(n8n must run on this machine: the sandbox listens on 127.0.0.1 only.)',
		'',
		`Seeded users for partner ${p.partnerId}: user-active-001, user-active-002, user-deactivated-001, user-fraud-001, user-awaiting-001, user-deleted-001`,
		`Request log: GET ${url}/__sandbox/requests    Enrollees: GET ${url}/__sandbox/enrollees`,
		'',
		"Job callbacks to a Smile ID Trigger: publish (2.x) or activate (1.x) its workflow, then give the sandbox the trigger's Production URL:",
		`  curl -X POST ${url}/__sandbox/callback-url -H 'content-type: application/json' -d '{"url":"http://127.0.0.1:5678/webhook/smile-id-callback"}'`,
		'Then complete a job for a user (0907: possible spoof; drill: forgedSignature, staleTimestamp or repeatSmileJobId):',
		`  curl -X POST ${url}/__sandbox/jobs -H 'content-type: application/json' -d '{"userId":"user-active-001","resultCode":"0907"}'`,
		`Callbacks sent and n8n's answers: GET ${url}/__sandbox/callbacks    Job status: POST ${url}${JOB_STATUS_PATH}`,
		'Press Ctrl-C to stop.',
	];
	return lines.join('\n');
}

async function main(): Promise<void> {
	let options: SandboxOptions;
	try {
		options = parseArgs(process.argv.slice(2));
	} catch (e) {
		const help = (e as Error).message === 'help';
		(help ? console.log : console.error)(help ? USAGE : `${(e as Error).message}\n${USAGE}`);
		process.exitCode = help ? 0 : 2;
		return;
	}
	const sandbox = await startSandbox(options);
	console.log(banner(sandbox.url, sandbox.serves, sandbox.partners));
	let stopping = false;
	const stop = (signal: string): void => {
		if (stopping) return;
		stopping = true;
		console.log(`\n${signal}: stopping the sandbox`);
		sandbox.close().then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

if (require.main === module) {
	main().catch((e: Error) => {
		console.error(e.message);
		process.exit(1);
	});
}
