/** The test-only routes under /__sandbox: look at and arrange the sandbox. Never logged, never drilled. */
import { clone, json } from '../answer';
import { adminRoute } from './route';

export const ADMIN_PREFIX = '/__sandbox';

export const adminRoutes = [
	adminRoute('GET', `${ADMIN_PREFIX}/health`, 'liveness and the environment served', (_, s) =>
		json({ ok: true, serves: s.serves }),
	),
	adminRoute('GET', `${ADMIN_PREFIX}/partners`, 'the partners and their sandbox keys', (_, s) =>
		json(s.partners),
	),
	adminRoute(
		'GET',
		`${ADMIN_PREFIX}/requests`,
		'the request log, newest 1000 (header X-Sandbox-Dropped-Requests: how many older were dropped)',
		(_, s) => ({
			...json(clone(s.log)),
			headers: { 'X-Sandbox-Dropped-Requests': String(s.droppedRequests) },
		}),
	),
	adminRoute('DELETE', `${ADMIN_PREFIX}/requests`, 'clear the request log only', (_, s) => {
		s.log.length = 0;
		return json({ ok: true });
	}),
	adminRoute('GET', `${ADMIN_PREFIX}/enrollees`, 'every enrollee in the store', (_, s) =>
		json(s.store.all()),
	),
	adminRoute(
		'GET',
		`${ADMIN_PREFIX}/enrollees/:partnerId/:userId`,
		'one enrollee, or 404',
		({ params }, s) => {
			const found = s.store.get(params.partnerId, params.userId);
			return found ? json(found) : json({ error: 'no such enrollee' }, 404);
		},
	),
	adminRoute(
		'POST',
		`${ADMIN_PREFIX}/enrollees`,
		'add an enrollee: {partnerId, userId, ...state} -> 201',
		(request, s) => {
			const b = request.body() as Record<string, unknown> | null;
			if (
				!b ||
				typeof b.partnerId !== 'string' ||
				typeof b.userId !== 'string' ||
				b.userId === ''
			) {
				return json({ error: 'partnerId and userId (strings) are required' }, 400);
			}
			const { partnerId, userId, ...state } = b;
			return json(s.store.add(partnerId as string, userId as string, state), 201);
		},
	),
	adminRoute('GET', `${ADMIN_PREFIX}/drills`, 'the armed drills', (_, s) => json(s.drills.list())),
	adminRoute(
		'POST',
		`${ADMIN_PREFIX}/drills`,
		'arm a drill or a list of drills -> 201 (400 if one is invalid)',
		(request, s) => {
			const body = request.body();
			s.drills.addAll(Array.isArray(body) ? body : [body]);
			return json({ ok: true, drills: s.drills.list() }, 201);
		},
	),
	adminRoute('DELETE', `${ADMIN_PREFIX}/drills`, 'clear the drills', (_, s) => {
		s.drills.clear();
		return json({ ok: true });
	}),
	adminRoute('POST', `${ADMIN_PREFIX}/reset`, 'log, drills and store back to the seed', (_, s) => {
		s.reset();
		return json({ ok: true });
	}),
];
