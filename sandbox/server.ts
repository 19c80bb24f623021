/**
 * The local Smile ID sandbox server (Node's own http module, loopback only).
 *
 * HTTP statuses chosen:
 * - Smile ID refusals (2203, 2204, 2205, 2208, 2210, 2213) answer HTTP 400 with
 *   {"error": "...", "code": "2205"}. The reference documents no status for this endpoint;
 *   the mocks in Smile ID's own SDK tests answer errors with 400, so 400 it is, 2205
 *   included (401 would be a guess the reference does not support). An ErrorStyle (the
 *   `errorStyle` option or drill) can switch to the other documented shape
 *   {"status": "...", "message": "..."}, a numeric code, "success": false, or another status.
 * - Success: 200 with JSON (the enrollee success body is a guess, see api.ts).
 * - 429 (rate-limit and status drills): {"status":"Too Many Requests","message":"Rate limit exceeded. Please try again later."},
 *   Retry-After only when the drill sets it (Smile ID's newer APIs send none).
 * - Unknown path: 404 JSON; API path with a method other than POST: 405 JSON; body over
 *   maxBodyBytes: 413 JSON.
 *
 * Test-only routes under /__sandbox (never subject to drills, never logged):
 *   GET    /__sandbox/health
 *   GET    /__sandbox/partners
 *   GET    /__sandbox/requests            the log (LoggedRequest[])
 *   DELETE /__sandbox/requests            clear the log only
 *   GET    /__sandbox/enrollees           EnrolleeState[]
 *   GET    /__sandbox/enrollees/:partnerId/:userId   EnrolleeState or 404
 *   POST   /__sandbox/enrollees           {partnerId, userId, ...Partial<EnrolleeState>} -> 201 EnrolleeState
 *   GET    /__sandbox/drills              the armed drills
 *   POST   /__sandbox/drills              a Drill or Drill[] -> 201 (400 with {"error"} if invalid)
 *   DELETE /__sandbox/drills              clear the drills
 *   POST   /__sandbox/reset               log, drills and store back to the seed
 */
import http from 'http';
import type { AddressInfo, Socket } from 'net';

import { API_PATHS, ENROLLEE_PATH, handleEnrollee, handleWallet, parseJson } from './api';
import type { ApiResult } from './api';
import { DrillBook, validateDrill } from './drills';
import { DEFAULT_PARTNERS } from './partners';
import { EnrolleeStore } from './store';
import type { Drill, ErrorStyle, LoggedRequest, Sandbox, SandboxOptions, SandboxPartner } from './types';

export const ADMIN_PREFIX = '/__sandbox';
export const DEFAULT_FRESHNESS_MS = 5 * 60_000;
export const RATE_LIMIT_BODY = { status: 'Too Many Requests', message: 'Rate limit exceeded. Please try again later.' };
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

interface Answer {
	status: number;
	headers?: Record<string, string>;
	/** Sent as JSON unless `raw` is given. */
	json?: unknown;
	raw?: { text: string; contentType: string };
}

export function errorBody(style: ErrorStyle, code: string, message: string, status: number): Record<string, unknown> {
	if (style.shape === 'status') {
		return {
			...(style.successFalse ? { success: false } : {}),
			status: http.STATUS_CODES[status] ?? 'Error',
			message,
		};
	}
	return {
		...(style.successFalse ? { success: false } : {}),
		error: message,
		code: style.numericCode ? Number(code) : code,
	};
}

function htmlPage(status: number): string {
	const reason = http.STATUS_CODES[status] ?? 'Error';
	return `<!DOCTYPE html>\n<html>\n<head><title>${status} ${reason}</title></head>\n<body>\n<center><h1>${status} ${reason}</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>\n`;
}

function withoutSignature(value: unknown): unknown {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
	const { signature: _omit, ...rest } = value as Record<string, unknown>;
	void _omit;
	return rest;
}

function clone<T>(v: T): T {
	return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const host = options.host ?? '127.0.0.1';
	if (!LOOPBACK.has(host)) throw new Error(`the sandbox listens on loopback only, not ${host}`);
	const serves = options.serves ?? 'test';
	if (serves !== 'test' && serves !== 'production') throw new Error(`serves must be 'test' or 'production'`);
	const partners: SandboxPartner[] = clone(options.partners ?? DEFAULT_PARTNERS);
	const freshnessMs = options.freshnessMs ?? DEFAULT_FRESHNESS_MS;
	const now = options.now ?? Date.now;
	const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
	const defaultStyle: ErrorStyle = options.errorStyle ?? { shape: 'error' };

	const store = new EnrolleeStore(options.seed !== false);
	const drills = new DrillBook();
	let log: LoggedRequest[] = [];
	const sockets = new Set<Socket>();
	const timers = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
	let closed = false;

	const sleep = (ms: number): Promise<void> =>
		new Promise((resolve) => {
			const entry = {
				timer: setTimeout(() => {
					timers.delete(entry);
					resolve();
				}, ms),
				resolve,
			};
			timers.add(entry);
		});

	const send = (res: http.ServerResponse, answer: Answer, entry?: LoggedRequest): void => {
		if (res.destroyed || res.writableEnded) return;
		const text = answer.raw ? answer.raw.text : JSON.stringify(answer.json);
		const headers: Record<string, string> = {
			'Content-Type': answer.raw ? answer.raw.contentType : 'application/json; charset=utf-8',
			'Content-Length': String(Buffer.byteLength(text)),
			...answer.headers,
		};
		res.writeHead(answer.status, headers);
		res.end(text);
		if (entry) {
			entry.answeredAt = new Date(now()).toISOString();
			entry.status = answer.status;
			entry.response = answer.raw ? answer.raw.text : clone(answer.json);
		}
	};

	const refusalAnswer = (result: Extract<ApiResult, { kind: 'refusal' }>, style: ErrorStyle): Answer => {
		const status = style.httpStatus ?? 400;
		return { status, json: errorBody(style, result.code, result.message, status) };
	};

	/** Carries out a failure drill in place of the answer. */
	const fail = (drill: Drill, req: http.IncomingMessage, res: http.ServerResponse, entry: LoggedRequest): void => {
		const retryAfter = (v: number | string | undefined): Record<string, string> =>
			v === undefined ? {} : { 'Retry-After': String(v) };
		switch (drill.kind) {
			case 'rateLimit':
				send(res, { status: 429, headers: retryAfter(drill.retryAfter), json: RATE_LIMIT_BODY }, entry);
				return;
			case 'status': {
				let json: unknown;
				let raw: Answer['raw'];
				if (typeof drill.body === 'string') raw = { text: drill.body, contentType: 'text/plain; charset=utf-8' };
				else if (drill.body !== undefined) json = drill.body;
				else if (drill.status === 429) json = RATE_LIMIT_BODY;
				else if (drill.code) json = { error: `System error (sandbox drill)`, code: drill.code };
				else json = { status: http.STATUS_CODES[drill.status] ?? 'Error', message: 'Sandbox drill: simulated server failure' };
				send(res, { status: drill.status, headers: retryAfter(drill.retryAfter), json, raw }, entry);
				return;
			}
			case 'html': {
				const status = drill.status ?? 502;
				send(res, { status, raw: { text: htmlPage(status), contentType: 'text/html' } }, entry);
				return;
			}
			case 'malformedJson':
				send(
					res,
					{ status: drill.status ?? 200, raw: { text: '{"success": true, "message": "User deac', contentType: 'application/json' } },
					entry,
				);
				return;
			case 'reset':
				entry.status = null;
				req.socket.destroy();
				return;
			case 'hang':
				entry.status = null;
				return;
			default:
				return;
		}
	};

	const handleApi = async (
		req: http.IncomingMessage,
		res: http.ServerResponse,
		path: string,
		raw: string,
	): Promise<void> => {
		const parsed = parseJson(raw);
		const entry: LoggedRequest = {
			time: new Date(now()).toISOString(),
			method: req.method ?? '',
			path,
			body: parsed.ok ? withoutSignature(clone(parsed.value)) : raw,
			hasSignature:
				parsed.ok && typeof parsed.value === 'object' && parsed.value !== null && 'signature' in parsed.value,
			contentType: req.headers['content-type'] ?? null,
			status: null,
			response: undefined,
		};
		log.push(entry);

		if (req.method !== 'POST') {
			send(res, { status: 405, headers: { Allow: 'POST' }, json: { error: 'Method not allowed' } }, entry);
			return;
		}
		const decision = drills.decide(path, now());
		if (decision.names.length) entry.drill = decision.names.join(',');
		if (decision.latencyMs > 0) {
			await sleep(decision.latencyMs);
			if (closed) return;
		}
		if (decision.before) {
			fail(decision.before, req, res, entry);
			return;
		}
		const ctx = { partners, serves, freshnessMs, nowMs: now(), store };
		const result = path === ENROLLEE_PATH ? handleEnrollee(parsed, ctx) : handleWallet(parsed, ctx);
		if (result.kind === 'refusal') entry.reason = `${result.code}: ${result.reason}`;
		if (decision.after) {
			fail(decision.after, req, res, entry);
			return;
		}
		const answer =
			result.kind === 'refusal'
				? refusalAnswer(result, decision.errorStyle ?? defaultStyle)
				: { status: 200, json: result.body };
		send(res, answer, entry);
	};

	const handleAdmin = (req: http.IncomingMessage, res: http.ServerResponse, path: string, raw: string): void => {
		const route = path.slice(ADMIN_PREFIX.length) || '/';
		const method = req.method ?? 'GET';
		const body = (): unknown => {
			const parsed = parseJson(raw || 'null');
			if (!parsed.ok) throw new Error('body is not JSON');
			return parsed.value;
		};
		const ok = (json: unknown, status = 200): void => send(res, { status, json });
		try {
			if (route === '/health' && method === 'GET') return ok({ ok: true, serves });
			if (route === '/partners' && method === 'GET') return ok(partners);
			if (route === '/requests' && method === 'GET') return ok(sandbox.requests());
			if (route === '/requests' && method === 'DELETE') {
				log = [];
				return ok({ ok: true });
			}
			if (route === '/enrollees' && method === 'GET') return ok(sandbox.enrollees());
			if (route === '/enrollees' && method === 'POST') {
				const b = body() as Record<string, unknown> | null;
				if (!b || typeof b.partnerId !== 'string' || typeof b.userId !== 'string' || b.userId === '') {
					return ok({ error: 'partnerId and userId (strings) are required' }, 400);
				}
				const { partnerId, userId, ...state } = b;
				return ok(sandbox.addEnrollee(partnerId as string, userId as string, state), 201);
			}
			const one = /^\/enrollees\/([^/]+)\/([^/]+)$/.exec(route);
			if (one && method === 'GET') {
				const found = sandbox.enrollee(decodeURIComponent(one[1]), decodeURIComponent(one[2]));
				return found ? ok(found) : ok({ error: 'no such enrollee' }, 404);
			}
			if (route === '/drills' && method === 'GET') return ok(drills.list());
			if (route === '/drills' && method === 'POST') {
				const b = body();
				const list = (Array.isArray(b) ? b : [b]).map(validateDrill);
				for (const d of list) drills.add(d);
				return ok({ ok: true, drills: drills.list() }, 201);
			}
			if (route === '/drills' && method === 'DELETE') {
				drills.clear();
				return ok({ ok: true });
			}
			if (route === '/reset' && method === 'POST') {
				sandbox.reset();
				return ok({ ok: true });
			}
			return ok({ error: `no sandbox route ${method} ${path}` }, 404);
		} catch (e) {
			return ok({ error: (e as Error).message }, 400);
		}
	};

	const server = http.createServer((req, res) => {
		const path = (req.url ?? '/').split('?')[0];
		const chunks: Buffer[] = [];
		let size = 0;
		let tooLarge = false;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > maxBodyBytes) tooLarge = true;
			else chunks.push(chunk);
		});
		req.on('end', () => {
			if (closed) return;
			if (tooLarge) return send(res, { status: 413, json: { error: 'Request body too large' } });
			const raw = Buffer.concat(chunks).toString('utf8');
			if (path === ADMIN_PREFIX || path.startsWith(`${ADMIN_PREFIX}/`)) return handleAdmin(req, res, path, raw);
			if (!API_PATHS.includes(path)) return send(res, { status: 404, json: { error: 'Not found' } });
			handleApi(req, res, path, raw).catch((e: Error) => {
				send(res, { status: 500, json: { error: `sandbox bug: ${e.message}` } });
			});
		});
		req.on('error', () => undefined);
	});
	server.on('connection', (socket: Socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const port = (server.address() as AddressInfo).port;
	const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

	const sandbox: Sandbox = {
		url,
		port,
		serves,
		partners,
		requests: () => clone(log),
		enrollee: (partnerId, userId) => store.get(partnerId, userId),
		enrollees: () => store.all(),
		addEnrollee: (partnerId, userId, state) => store.add(partnerId, userId, state),
		addDrill: (drill) => drills.add(drill),
		clearDrills: () => drills.clear(),
		clearRequests: () => {
			log = [];
		},
		reset: () => {
			log = [];
			drills.clear();
			store.reset();
		},
		close: async () => {
			if (closed) return;
			closed = true;
			for (const t of timers) {
				clearTimeout(t.timer);
				t.resolve();
			}
			timers.clear();
			const done = new Promise<void>((resolve) => server.close(() => resolve()));
			server.closeAllConnections();
			for (const s of sockets) s.destroy();
			await done;
		},
	};
	return sandbox;
}
