/** One call to a Smile ID route: logged, put through the armed drills, then answered. */
import http from 'http';

import { RATE_LIMIT_BODY, clone, errorBody, htmlPage, send } from './answer';
import type { Answer } from './answer';
import type { FailureDrill } from './drills';
import type { SmileRoute } from './routes/route';
import { isTooDeep, MAX_JSON_DEPTH, parseJson } from './smile';
import type { SandboxState } from './state';
import type { LoggedRequest } from './types';

export interface CallContext {
	state: SandboxState;
	/** Waits, unless the sandbox closes first (then resolves false). */
	sleep(ms: number): Promise<boolean>;
}

function withoutSignature(value: unknown): unknown {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
	const { signature: _omit, ...rest } = value as Record<string, unknown>;
	void _omit;
	return rest;
}

function unhandledDrill(drill: never): never {
	throw new Error(`the sandbox cannot carry out the drill ${JSON.stringify(drill)}`);
}

/** The answer a failure drill puts in place of the real one; undefined: no answer at all. */
function failureAnswer(drill: FailureDrill): Answer | undefined {
	const retryAfter =
		drill.kind === 'status' || drill.kind === 'rateLimit' ? drill.retryAfter : undefined;
	const headers: Record<string, string> =
		retryAfter === undefined ? {} : { 'Retry-After': String(retryAfter) };
	switch (drill.kind) {
		case 'rateLimit':
			return { status: 429, headers, json: RATE_LIMIT_BODY };
		case 'status': {
			if (typeof drill.body === 'string') {
				return {
					status: drill.status,
					headers,
					raw: { text: drill.body, contentType: 'text/plain; charset=utf-8' },
				};
			}
			let body = drill.body;
			if (body === undefined && drill.status === 429) body = RATE_LIMIT_BODY;
			else if (body === undefined && drill.code)
				body = { error: 'System error (sandbox drill)', code: drill.code };
			else if (body === undefined) {
				body = {
					status: http.STATUS_CODES[drill.status] ?? 'Error',
					message: 'Sandbox drill: simulated server failure',
				};
			}
			return { status: drill.status, headers, json: body };
		}
		case 'html': {
			const status = drill.status ?? 502;
			return { status, raw: { text: htmlPage(status), contentType: 'text/html' } };
		}
		case 'malformedJson':
			return {
				status: drill.status ?? 200,
				raw: { text: '{"success": true, "message": "User deac', contentType: 'application/json' },
			};
		case 'reset':
		case 'hang':
			return undefined;
		default:
			return unhandledDrill(drill);
	}
}

function fail(
	drill: FailureDrill,
	req: http.IncomingMessage,
	res: http.ServerResponse,
	entry: LoggedRequest,
	nowMs: number,
): void {
	const answer = failureAnswer(drill);
	if (answer) return send(res, answer, entry, nowMs);
	entry.status = null;
	if (drill.kind === 'reset') req.socket.destroy();
}

/** Adds a request to a Smile ID path to the log; its answer is filled in when sent. */
export function logRequest(
	state: SandboxState,
	req: http.IncomingMessage,
	path: string,
	raw: string,
): LoggedRequest {
	const parsed = parseJson(raw);
	const entry: LoggedRequest = {
		time: new Date(state.now()).toISOString(),
		method: req.method ?? '',
		path,
		body: parsed.ok
			? withoutSignature(clone(parsed.value))
			: isTooDeep(raw)
				? `(not kept: JSON nested deeper than ${MAX_JSON_DEPTH})`
				: raw,
		hasSignature:
			parsed.ok &&
			typeof parsed.value === 'object' &&
			parsed.value !== null &&
			'signature' in parsed.value,
		contentType: req.headers['content-type'] ?? null,
		status: null,
		response: undefined,
	};
	state.log.push(entry);
	const excess = state.log.length - state.maxLoggedRequests;
	if (excess > 0) {
		state.log.splice(0, excess);
		state.droppedRequests += excess;
	}
	return entry;
}

export async function handleSmileCall(
	route: SmileRoute,
	params: Record<string, string>,
	req: http.IncomingMessage,
	res: http.ServerResponse,
	path: string,
	raw: string,
	{ state, sleep }: CallContext,
): Promise<void> {
	const entry = logRequest(state, req, path, raw);
	const decision = state.drills.decide(path, state.now());
	if (decision.names.length) entry.drill = decision.names.join(',');
	if (decision.latencyMs > 0 && !(await sleep(decision.latencyMs))) return;
	if (decision.before) return fail(decision.before, req, res, entry, state.now());
	const result = await route.handle(
		parseJson(raw),
		{ ...state, nowMs: state.now(), echoTimestamp: decision.echoTimestamp },
		params,
	);
	if (result.kind === 'refusal') entry.reason = `${result.code}: ${result.reason}`;
	if (decision.after) return fail(decision.after, req, res, entry, state.now());
	let answer: Answer = { status: 200, json: result.kind === 'success' ? result.body : undefined };
	if (result.kind === 'refusal') {
		const style = decision.errorStyle ?? state.defaultStyle;
		const status = result.httpStatus ?? style.httpStatus ?? 400;
		answer = { status, json: errorBody(style, result.code, result.message, status) };
	}
	send(res, answer, entry, state.now());
}
