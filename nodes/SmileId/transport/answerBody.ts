/**
 * Reading Smile ID's answer as untrusted input: bounded in size and time, parsed only as JSON.
 * (scrubSecrets.ts then strips every secret the request carried before anything quotes it.)
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
	/**
	 * Whether the answer carried Smile ID's signature for this credential (its own timestamp and
	 * signature), checked before the secrets were removed: an answer signed with the request's own
	 * timestamp carries the request's signature, which removing would make look forged.
	 */
	signedBySmileId?: boolean;
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
