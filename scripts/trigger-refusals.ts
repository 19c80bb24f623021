/**
 * `npx ts-node --transpile-only scripts/trigger-refusals.ts [--runs 5] [--before <path>]`: what
 * the Smile ID Trigger spends on 10,000 callbacks of each kind, and how many log lines it writes.
 * The node's webhook() runs with a stand-in of n8n's webhook context (parameters, credential,
 * request, response) and a logger that formats each line as n8n's console does and writes it
 * synchronously to /dev/null. `--before` points at another copy of the node's file (for example
 * an older commit checked out with `git worktree add`): its runs are interleaved with this code's,
 * so both see the same machine load. Medians of --runs; figures, no assertions.
 */
import { createHmac } from 'node:crypto';
import { openSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
	const at = args.indexOf(`--${name}`);
	return at >= 0 ? args[at + 1] : fallback;
};
const RUNS = Number(option('runs', '5'));
const TRIGGERS = {
	now: resolve('nodes/SmileIdTrigger/SmileIdTrigger.node.ts'),
	...(args.includes('--before') ? { before: resolve(option('before', '')) } : {}),
};
const CALLBACKS = 10_000;
const PARTNER_ID = '085';
const API_KEY = 'bench-api-key';

type Trigger = new () => { webhook: (this: unknown) => Promise<Record<string, unknown>> };
const load = (path: string) => (require(path) as { SmileIdTrigger: Trigger }).SmileIdTrigger;

const sign = (key: string, timestamp: string) =>
	createHmac('sha256', key)
		.update(timestamp + PARTNER_ID + 'sid_request')
		.digest('base64');

function body(n: number, timestamp: string, key = API_KEY): Buffer {
	return Buffer.from(
		JSON.stringify({
			ResultCode: '0907',
			ResultText: 'Possible Spoof',
			ResultType: 'SAIA',
			SmileJobID: String(n).padStart(10, '0'),
			PartnerParams: { user_id: `user-${n}`, job_id: `job-${n}`, job_type: 4 },
			Actions: { Liveness_Check: 'Failed' },
			IsFinalResult: 'true',
			timestamp,
			signature: sign(key, timestamp),
		}),
	);
}

/** Each kind: 10,000 bodies, built before the clock starts. */
const KINDS: Record<string, (run: string) => Buffer[]> = {
	'forged (wrong key)': () =>
		Array.from({ length: CALLBACKS }, (_, n) => body(n, new Date().toISOString(), 'forged')),
	'one signature replayed on other bodies': () => {
		const timestamp = new Date().toISOString();
		return Array.from({ length: CALLBACKS }, (_, n) => body(n, timestamp));
	},
	'genuine, each its own job (accepted)': () => {
		const start = Date.now() - CALLBACKS;
		return Array.from({ length: CALLBACKS }, (_, n) => body(n, new Date(start + n).toISOString()));
	},
};

let logLines = 0;
/** Each line written as a console write is: synchronously, here to /dev/null. */
const devNull = openSync('/dev/null', 'w');
const write = (level: string) => (message: string, meta?: object) => {
	logLines++;
	writeSync(
		devNull,
		`${new Date().toISOString()} ${level} ${message} ${JSON.stringify(meta ?? {})}\n`,
	);
};

function context(workflowId: string, raw: Buffer) {
	const answer = { status: 200 };
	const response = {
		status: (code: number) => ((answer.status = code), response),
		json: () => response,
	};
	return {
		answer,
		context: {
			// The callbacks' own checks only: Confirm With Smile ID would add one job_status request per accepted callback.
			getNodeParameter: () => ({ confirmWithSmileId: false }),
			getResponseObject: () => response,
			getRequestObject: () => ({ rawBody: raw }),
			getBodyData: () => ({}),
			getCredentials: async () => ({
				partnerId: PARTNER_ID,
				apiKey: API_KEY,
				email: 'ops@example.com',
				environment: 'sandbox',
			}),
			getWorkflow: () => ({ id: workflowId }),
			getNode: () => ({ id: 'trigger', name: 'Smile ID Trigger' }),
			logger: { warn: write('warn'), error: write('error'), info: write('info') },
			helpers: { returnJsonArray: (json: object) => [{ json }] },
		},
	};
}

async function measure(SmileIdTrigger: Trigger, kind: string, run: string) {
	const bodies = KINDS[kind](run);
	const trigger = new SmileIdTrigger();
	const workflowId = `bench-${kind}-${run}`;
	logLines = 0;
	let started = 0;
	const begin = process.hrtime.bigint();
	for (const raw of bodies) {
		const { context: ctx, answer } = context(workflowId, raw);
		const result = await trigger.webhook.call(ctx);
		if (result.workflowData && answer.status === 200) started++;
	}
	const ms = Number(process.hrtime.bigint() - begin) / 1e6;
	return { ms, started, refused: CALLBACKS - started, logLines };
}

const median = (values: number[]) =>
	[...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main() {
	const versions = Object.entries(TRIGGERS).map(([name, path]) => ({ name, trigger: load(path) }));
	console.log(
		`${CALLBACKS.toLocaleString('en')} callbacks of each kind, median of ${RUNS}; ${Object.entries(
			TRIGGERS,
		)
			.map(([name, path]) => `${name}: ${path}`)
			.join('; ')}`,
	);
	console.log('| Callbacks | Code | ms per 10,000 | started | not started | log lines |');
	console.log('| --- | --- | ---: | ---: | ---: | ---: |');
	for (const kind of Object.keys(KINDS)) {
		const runs = new Map(
			versions.map(({ name }) => [name, [] as Awaited<ReturnType<typeof measure>>[]]),
		);
		for (let run = 0; run < RUNS; run++) {
			for (const { name, trigger } of versions) {
				runs.get(name)!.push(await measure(trigger, kind, `${name}-${run}`));
			}
		}
		for (const [name, measured] of runs) {
			const last = measured[measured.length - 1];
			console.log(
				`| ${kind} | ${name} | ${median(measured.map((r) => r.ms)).toFixed(0)} | ${last.started} | ${last.refused} | ${last.logLines} |`,
			);
		}
	}
}

void main();
