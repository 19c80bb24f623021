/**
 * `npx ts-node --transpile-only scripts/trigger-refusals.ts [--runs 3] [--trigger <path>]`: what
 * the Smile ID Trigger spends on 10,000 callbacks of each kind, and how many log lines it writes.
 * The node's webhook() runs with a stand-in of n8n's webhook context (parameters, credential,
 * request, response) and a logger that formats each line as n8n's console does and writes it synchronously
 * to /dev/null. `--trigger` points at another copy of the node (for example an older commit
 * checked out elsewhere) to compare before and after. Medians of --runs; figures, no assertions.
 */
import { createHmac } from 'node:crypto';
import { openSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
	const at = args.indexOf(`--${name}`);
	return at >= 0 ? args[at + 1] : fallback;
};
const RUNS = Number(option('runs', '3'));
const TRIGGER = resolve(option('trigger', 'nodes/SmileIdTrigger/SmileIdTrigger.node.ts'));
const CALLBACKS = 10_000;
const PARTNER_ID = '085';
const API_KEY = 'bench-api-key';

const { SmileIdTrigger } = require(TRIGGER) as {
	SmileIdTrigger: new () => { webhook: (this: unknown) => Promise<Record<string, unknown>> };
};

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
			getNodeParameter: () => ({}),
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

async function measure(kind: string, run: number) {
	const bodies = KINDS[kind](`${run}`);
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
	console.log(
		`${TRIGGER}: ${CALLBACKS.toLocaleString('en')} callbacks of each kind, median of ${RUNS}`,
	);
	console.log('| Callbacks | ms per 10,000 | started | refused or not started | log lines |');
	console.log('| --- | ---: | ---: | ---: | ---: |');
	for (const kind of Object.keys(KINDS)) {
		const runs = [];
		for (let run = 0; run < RUNS; run++) runs.push(await measure(kind, run));
		const last = runs[runs.length - 1];
		console.log(
			`| ${kind} | ${median(runs.map((r) => r.ms)).toFixed(0)} | ${last.started} | ${last.refused} | ${last.logLines} |`,
		);
	}
}

void main();
