/** What a route answers, and how the sandbox writes it to the wire. */
import http from 'http';

import type { ErrorStyle, LoggedRequest } from './types';

export interface Answer {
	status: number;
	headers?: Record<string, string>;
	/** Sent as JSON unless `raw` is given. */
	json?: unknown;
	raw?: { text: string; contentType: string };
}

export const RATE_LIMIT_BODY = {
	status: 'Too Many Requests',
	message: 'Rate limit exceeded. Please try again later.',
};

export function json(body: unknown, status = 200): Answer {
	return { status, json: body };
}

export function errorBody(
	style: ErrorStyle,
	code: string,
	message: string,
	status: number,
): Record<string, unknown> {
	const successFalse = style.successFalse ? { success: false } : {};
	if (style.shape === 'status') {
		return { ...successFalse, status: http.STATUS_CODES[status] ?? 'Error', message };
	}
	if (code === '') return { ...successFalse, error: message };
	return { ...successFalse, error: message, code: style.numericCode ? Number(code) : code };
}

export function htmlPage(status: number): string {
	const reason = http.STATUS_CODES[status] ?? 'Error';
	return `<!DOCTYPE html>\n<html>\n<head><title>${status} ${reason}</title></head>\n<body>\n<center><h1>${status} ${reason}</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>\n`;
}

export function clone<T>(v: T): T {
	return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

/** Writes the answer (unless the client is gone) and, for a logged request, records it. */
export function send(
	res: http.ServerResponse,
	answer: Answer,
	entry?: LoggedRequest,
	nowMs?: number,
): void {
	if (res.destroyed || res.writableEnded) return;
	const text = answer.raw ? answer.raw.text : JSON.stringify(answer.json);
	res.writeHead(answer.status, {
		'Content-Type': answer.raw ? answer.raw.contentType : 'application/json; charset=utf-8',
		'Content-Length': String(Buffer.byteLength(text)),
		...answer.headers,
	});
	res.end(text);
	if (entry) {
		entry.answeredAt = new Date(nowMs ?? Date.now()).toISOString();
		entry.status = answer.status;
		entry.response = answer.raw ? answer.raw.text : clone(answer.json);
	}
}
