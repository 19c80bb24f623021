/**
 * Everything n8n logs during a test file is kept here instead of on jest's console, for the checks
 * that no secret is ever logged: n8n-core's own logger (at the level N8N_LOG_LEVEL set in
 * n8n-env.ts), n8n's LoggerProxy, and raw writes to stdout and stderr during a run. Importing this
 * module starts the capture.
 */
import { dirname } from 'path';

import type { Logger } from 'n8n-workflow';
import { LoggerProxy } from 'n8n-workflow';

const loggedLines: string[] = [];

/**
 * n8n-core logs through the Logger in its own dependency container; its lines come here instead of
 * the console. The packages are resolved as n8n-core resolves them, so that this is the very Logger
 * it uses.
 */
function captureN8nLogger(): void {
	const resolveFrom = (id: string, from: string) => require.resolve(id, { paths: [dirname(from)] });
	const n8nCore = require.resolve('n8n-core');
	const backendCommon = resolveFrom('@n8n/backend-common', n8nCore);
	const { Container } = require(resolveFrom('@n8n/di', n8nCore));
	const { Logger: N8nLogger } = require(backendCommon);
	const Transport = require(resolveFrom('winston-transport', backendCommon));
	const winston = Container.get(N8nLogger).getInternalLogger();
	winston.clear();
	winston.add(
		new Transport({
			log: (info: Record<string | symbol, unknown>, next: () => void) => {
				loggedLines.push(String(info[Symbol.for('message')] ?? info.message));
				next();
			},
		}),
	);
}
captureN8nLogger();

/**
 * Everything logged so far: through n8n's LoggerProxy, by n8n's own logger, and to stdout or stderr
 * during runs. n8n's logger passes lines on in later ticks of the event loop: this lets them through first.
 */
export async function loggedText(): Promise<string> {
	await new Promise((resolve) => setImmediate(resolve));
	return loggedLines.join('\n');
}

const capture =
	(level: string) =>
	(message: string, meta?: object): void => {
		loggedLines.push(`${level} ${message} ${meta ? JSON.stringify(meta) : ''}`);
	};
LoggerProxy.init({
	error: capture('error'),
	warn: capture('warn'),
	info: capture('info'),
	debug: capture('debug'),
	scoped: () => LoggerProxy as unknown as Logger,
} as unknown as Logger);

/**
 * Raw writes to stdout and stderr during a run are captured too; outside runs they belong to jest.
 * A run that outlives its test (a timeout) gives them back after that test, or jest's report is lost.
 */
let restoreProcessOutput: (() => void) | undefined;
afterEach(() => restoreProcessOutput?.());

/** Captures stdout and stderr until the returned function (or the end of the test) gives them back. */
export function captureProcessOutput(): () => void {
	const streams = [process.stdout, process.stderr];
	const originalWrites = streams.map((stream) => stream.write);
	for (const stream of streams) {
		stream.write = ((chunk: string | Uint8Array) => {
			loggedLines.push(String(chunk));
			return true;
		}) as typeof stream.write;
	}
	restoreProcessOutput = () => {
		streams.forEach((stream, i) => (stream.write = originalWrites[i]));
		restoreProcessOutput = undefined;
	};
	return restoreProcessOutput;
}
