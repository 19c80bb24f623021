/**
 * The local Smile ID sandbox server (Node's own http module, loopback only). The routes live in
 * routes/ (GET / lists them); this file reads requests, finds the route and answers.
 *
 * HTTP statuses chosen:
 * - Smile ID refusals (2203, 2204, 2205, 2208, 2210, 2213) answer HTTP 400 with
 *   {"error": "...", "code": "2205"}. The reference documents no status for this endpoint;
 *   the mocks in Smile ID's own SDK tests answer errors with 400, so 400 it is, 2205
 *   included (401 would be a guess the reference does not support). An ErrorStyle (the
 *   `errorStyle` option or drill) can switch to the other documented shape
 *   {"status": "...", "message": "..."}, a numeric code, "success": false, or another status.
 * - Success: 200 with JSON.
 * - 429 (rate-limit and status drills): Smile ID's rate-limit body, Retry-After only when the
 *   drill sets it (Smile ID's newer APIs send none).
 * - Unknown path: 404 JSON; known path with another method: 405 JSON (logged for a Smile ID
 *   route); body over maxBodyBytes: 413 JSON; an admin body that is not JSON or an invalid drill: 400.
 */
import http from 'http';
import type { AddressInfo, Socket } from 'net';

import type { Answer } from './answer';
import { clone, json, send } from './answer';
import { ROUTES } from './routes';
import { matchPath } from './routes/route';
import type { AdminRoute, Route } from './routes/route';
import { parseJson } from './smile';
import { handleSmileCall, logRequest } from './smileCall';
import { addJob } from './history';
import { createState } from './state';
import type { SandboxState } from './state';
import type { Sandbox, SandboxOptions } from './types';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/** The routes whose path pattern fits `path`, with their parameters. */
function routesAt(path: string): { route: Route; params: Record<string, string> }[] {
	return ROUTES.flatMap((route) => {
		const params = matchPath(route.path, path);
		return params ? [{ route, params }] : [];
	});
}

/**
 * The admin routes hand out the keys and change state, so a web page in the developer's browser
 * must not reach them: by DNS rebinding (a Host other than loopback) or a cross-site form or
 * no-cors post (a content type other than JSON, which a browser cannot send cross-site unasked).
 */
function adminRefusal(req: http.IncomingMessage): Answer | undefined {
	const hostname = (req.headers.host ?? '')
		.replace(/:\d+$/, '')
		.replace(/^\[(.*)\]$/, '$1')
		.toLowerCase();
	if (!LOOPBACK.has(hostname))
		return json(
			{ error: `The /__sandbox routes answer only a loopback Host, not "${hostname}"` },
			403,
		);
	const contentType = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
	if (req.method === 'POST' && contentType !== 'application/json') {
		return json({ error: 'The /__sandbox routes take only Content-Type: application/json' }, 415);
	}
	return undefined;
}

async function answerAdmin(
	route: AdminRoute,
	params: Record<string, string>,
	req: http.IncomingMessage,
	raw: string,
	state: SandboxState,
) {
	const refusal = adminRefusal(req);
	if (refusal) return refusal;
	const body = (): unknown => {
		const parsed = parseJson(raw || 'null');
		if (!parsed.ok) throw new Error('body is not JSON');
		return parsed.value;
	};
	try {
		return await route.handle({ params, body, req }, state);
	} catch (e) {
		return json({ error: (e as Error).message }, 400);
	}
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const host = options.host ?? '127.0.0.1';
	if (!LOOPBACK.has(host)) throw new Error(`the sandbox listens on loopback only, not ${host}`);
	const state = createState(options);
	const sockets = new Set<Socket>();
	const timers = new Set<{ timer: NodeJS.Timeout; resolve: (v: boolean) => void }>();
	let closed = false;

	const sleep = (ms: number): Promise<boolean> =>
		new Promise((resolve) => {
			const entry = {
				timer: setTimeout(() => {
					timers.delete(entry);
					resolve(true);
				}, ms),
				resolve,
			};
			timers.add(entry);
		});

	const dispatch = async (
		req: http.IncomingMessage,
		res: http.ServerResponse,
		raw: string,
	): Promise<void> => {
		const [path, query = ''] = (req.url ?? '/').split('?');
		const method = req.method ?? 'GET';
		const atPath = routesAt(path);
		const hit = atPath.find(({ route }) => route.method === method);
		if (hit?.route.kind === 'smile') {
			// a GET's fields are its query parameters: logged and checked as a body would be
			const fields =
				method === 'GET' ? JSON.stringify(Object.fromEntries(new URLSearchParams(query))) : raw;
			return handleSmileCall(hit.route, hit.params, req, res, path, fields, { state, sleep });
		}
		if (hit?.route.kind === 'admin')
			return send(res, await answerAdmin(hit.route, hit.params, req, raw, state));
		if (atPath.length === 0)
			return send(
				res,
				json({ error: `Not found: ${method} ${path} (GET / lists the routes)` }, 404),
			);
		const allowed = { Allow: atPath.map(({ route }) => route.method).join(', ') };
		const notAllowed = { status: 405, headers: allowed, json: { error: 'Method not allowed' } };
		const smileEntry = atPath.some(({ route }) => route.kind === 'smile')
			? logRequest(state, req, path, raw)
			: undefined;
		send(res, notAllowed, smileEntry, state.now());
	};

	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size <= state.maxBodyBytes) chunks.push(chunk);
		});
		req.on('end', () => {
			if (closed) return;
			if (size > state.maxBodyBytes)
				return send(res, json({ error: 'Request body too large' }, 413));
			dispatch(req, res, Buffer.concat(chunks).toString('utf8')).catch((e: Error) => {
				send(res, json({ error: `sandbox bug: ${e.message}` }, 500));
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
	state.baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

	return {
		url: state.baseUrl,
		serves: state.serves,
		partners: state.partners,
		requests: () => clone(state.log),
		enrollee: (partnerId, userId) => state.store.get(partnerId, userId),
		enrollees: () => state.store.all(),
		addEnrollee: (partnerId, userId, enrollee) => state.store.add(partnerId, userId, enrollee),
		jobs: (partnerId, userId) =>
			clone(state.jobs.filter((job) => job.partnerId === partnerId && job.userId === userId)),
		addJob: (partnerId, userId, job) => clone(addJob(state, partnerId, userId, job)),
		submissions: (jobId) =>
			clone(state.submissions.filter((s) => jobId === undefined || s.jobId === jobId)),
		callbacks: () => clone(state.deliveries),
		callbacksSent: async () => {
			while (state.pendingCallbacks.size > 0) await Promise.all([...state.pendingCallbacks]);
		},
		links: () => clone(state.links),
		setLinkUrlField: (field) => {
			state.linkUrlField = field;
		},
		addDrill: (drill) => state.drills.addAll([drill]),
		clearDrills: () => state.drills.clear(),
		clearRequests: () => {
			state.log.length = 0;
		},
		reset: () => state.reset(),
		close: async () => {
			if (closed) return;
			closed = true;
			for (const t of timers) {
				clearTimeout(t.timer);
				t.resolve(false);
			}
			timers.clear();
			const done = new Promise<void>((resolve) => server.close(() => resolve()));
			server.closeAllConnections();
			for (const s of sockets) s.destroy();
			await done;
		},
	};
}
