/**
 * A sandbox route: a method, a path (segments starting with ':' are parameters) and a handler.
 * Two kinds:
 * - smileRoute: a Smile ID endpoint (POST unless told). Logged, subject to drills, answered from
 *   its ApiResult (a refusal in the error style in force, a success as 200 JSON).
 * - adminRoute: a test-only route (by convention under /__sandbox): never logged, never drilled.
 */
import type http from 'http';

import type { Answer } from '../answer';
import type { ApiContext, ApiResult, ParsedBody } from '../smile';
import type { SandboxState } from '../state';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface AdminRequest {
	params: Record<string, string>;
	/** The body parsed as JSON (empty: null); throws when it is not JSON, which answers 400. */
	body(): unknown;
	req: http.IncomingMessage;
}

interface RouteBase {
	method: Method;
	path: string;
	/** One line for the index at GET / and for sandbox/README.md. */
	summary: string;
}

export interface SmileRoute extends RouteBase {
	kind: 'smile';
	/**
	 * `parsed`: the JSON body; for a GET, the query parameters as an object of strings (where a
	 * GET's signed fields travel is a guess, see README.md). `params`: the path's parameters.
	 */
	handle(
		parsed: ParsedBody,
		ctx: ApiContext,
		params: Record<string, string>,
	): ApiResult | Promise<ApiResult>;
}

export interface AdminRoute extends RouteBase {
	kind: 'admin';
	handle(request: AdminRequest, state: SandboxState): Answer | Promise<Answer>;
}

export type Route = SmileRoute | AdminRoute;

export function smileRoute(
	path: string,
	summary: string,
	handle: SmileRoute['handle'],
	method: Method = 'POST',
): SmileRoute {
	return { kind: 'smile', method, path, summary, handle };
}

export function adminRoute(
	method: Method,
	path: string,
	summary: string,
	handle: AdminRoute['handle'],
): AdminRoute {
	return { kind: 'admin', method, path, summary, handle };
}

/** The parameters when `path` fits the route's pattern, else null. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
	const want = pattern.split('/');
	const got = path.split('/');
	if (want.length !== got.length) return null;
	const params: Record<string, string> = {};
	for (let i = 0; i < want.length; i++) {
		if (want[i].startsWith(':')) {
			if (got[i] === '') return null;
			try {
				params[want[i].slice(1)] = decodeURIComponent(got[i]);
			} catch {
				return null;
			}
		} else if (want[i] !== got[i]) return null;
	}
	return params;
}
