/**
 * Reading Smile ID's answer as untrusted input: bounded in size and time, parsed only as JSON,
 * and stripped of every secret the credential put into the request before anything quotes it.
 */

/**
 * The largest answer read. Smile ID's largest documented payloads (job results with a base64
 * ID photo) are about 1.5 MB; the enrollee endpoint answers a few hundred bytes. 4 MiB leaves
 * room for all of them and bounds memory at 4 MiB per request in flight.
 */
export const MAX_ANSWER_BYTES = 4 * 1024 * 1024;

export interface SmileIdAnswer {
	/** Where the request went, to resolve a relative redirect. */
	url: string;
	statusCode: number;
	headers?: Record<string, unknown>;
	/** Parsed JSON, or the text as it came; secrets already removed. */
	body: unknown;
}

/** Why an attempt ended without an answer that could be read. */
export type UnreadableCode = 'ETIMEDOUT' | 'ERR_CANCELED' | 'ERR_ANSWER_TOO_LARGE' | 'ECONNRESET';

export class AnswerUnreadable extends Error {
	constructor(readonly code: UnreadableCode) {
		super(code);
	}
}

type BodyStream = AsyncIterable<unknown> & { destroy?: (error?: Error) => void };

function isBodyStream(body: unknown): body is BodyStream {
	return typeof body === 'object' && body !== null && Symbol.asyncIterator in body;
}

/** The whole body as text, or why not: it went on past `stop` (the Timeout, or Stop), was cut, or grew past MAX_ANSWER_BYTES. */
export async function readBody(
	body: unknown,
	stop: AbortSignal,
	stopCode: () => UnreadableCode,
): Promise<{ text: string } | { code: UnreadableCode }> {
	if (!isBodyStream(body))
		return {
			text: typeof body === 'string' ? body : body === undefined ? '' : JSON.stringify(body),
		};
	const onStop = () => body.destroy?.(new AnswerUnreadable(stopCode()));
	if (stop.aborted) onStop();
	stop.addEventListener('abort', onStop, { once: true });
	const chunks: Buffer[] = [];
	let size = 0;
	try {
		for await (const chunk of body) {
			const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
			size += buffer.length;
			if (size > MAX_ANSWER_BYTES) break;
			chunks.push(buffer);
		}
	} catch {
		return { code: stop.aborted ? stopCode() : 'ECONNRESET' };
	} finally {
		stop.removeEventListener('abort', onStop);
		body.destroy?.();
	}
	if (size > MAX_ANSWER_BYTES) return { code: 'ERR_ANSWER_TOO_LARGE' };
	if (stop.aborted) return { code: stopCode() };
	return { text: Buffer.concat(chunks).toString('utf8') };
}

/** The answer as JSON when it is JSON, else the text as it came. */
export function parseAnswer(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return text;
	}
}

const REDACTED = '[redacted]';
/** Deeper than any Smile ID answer; deeper parts are dropped so that nothing downstream overflows its stack. */
const MAX_DEPTH = 64;

/** Every way a secret may come back quoted: as sent, URL-encoded, or with JSON-escaped slashes. */
function secretForms(secrets: string[]): string[] {
	const forms = secrets
		.filter((secret) => secret.length >= 4)
		.flatMap((secret) => [secret, encodeURIComponent(secret), secret.replace(/\//g, '\\/')]);
	return [...new Set(forms)].sort((a, b) => b.length - a.length);
}

function scrubText(text: string, forms: string[]): string {
	return forms.reduce((scrubbed, form) => scrubbed.split(form).join(REDACTED), text);
}

/** A copy of what Smile ID said with every secret replaced, in keys and values, at any depth. */
export function scrubSecrets<T>(value: T, secrets: string[]): T {
	const forms = secretForms(secrets);
	const scrub = (item: unknown, depth: number): unknown => {
		if (typeof item === 'string') return scrubText(item, forms);
		if (item && typeof item === 'object' && depth >= MAX_DEPTH) return '[nested too deep]';
		if (Array.isArray(item)) return item.map((entry) => scrub(entry, depth + 1));
		if (item && typeof item === 'object') {
			return Object.fromEntries(
				Object.entries(item).map(([key, entry]) => [
					scrubText(key, forms),
					scrub(entry, depth + 1),
				]),
			);
		}
		return item;
	};
	return scrub(value, 0) as T;
}

/** What a non-JSON or non-object answer looks like, for "not a Smile ID answer: ...". */
export function describeNonObject(body: unknown): string {
	if (typeof body === 'string') {
		if (body.trim() === '') return 'an empty answer';
		return /^\s*<(!doctype|html|head|body)/i.test(body) ? 'HTML page' : 'text that is not JSON';
	}
	if (body === null) return 'null';
	if (Array.isArray(body)) return 'a list';
	return `a ${typeof body}`;
}
