/** Every row the bench measures: how it sends, how many items, which drills the sandbox applies. */
import type { Drill } from '../sandbox';
import { CONFIG } from './config';
import { ROUTES, type Route } from './workflows';

export type Send = (ids: string[]) => Promise<void>;

export interface Case {
	/** '<section>/<route>', the key the report reads. */
	key: string;
	items: number;
	drills: Drill[];
	send: Send;
}

/** The ways to send a list of user IDs that the cases combine. */
export interface Senders {
	/** One execution of the route's workflow with every ID. */
	viaN8n(route: Route): Send;
	/** One execution per ID, started evenly within `withinMs`, as webhooks from a CRM arrive. */
	burstViaN8n(route: Route, withinMs: number): Send;
	/** `executions` executions started at once, each with its equal share of the IDs. */
	togetherViaN8n(route: Route, executions: number): Send;
	plainLoop(): Send;
}

const latency = (ms: number): Drill => ({ kind: 'latency', ms });
const rateLimit = (perSecond: number): Drill => ({ kind: 'rateLimit', perSecond });

export function cases(send: Senders): Case[] {
	const c = CONFIG;
	const at = (ms: number) => [latency(ms)];
	const limited = (perSecond: number) => [latency(c.latencyMs), rateLimit(perSecond)];
	const n8n = (route: Route) => send.viaN8n(route);
	return [
		{ key: 'noLimit/node', items: c.items, drills: at(c.latencyMs), send: n8n(ROUTES.node) },
		{
			key: 'noLimit/builtinDefaults',
			items: c.items,
			drills: at(c.latencyMs),
			send: n8n(ROUTES.builtinDefaults),
		},
		{
			key: 'noLimitSlow/node',
			items: c.items,
			drills: at(c.slowLatencyMs),
			send: n8n(ROUTES.node),
		},
		{
			key: 'noLimitSlow/builtinDefaults',
			items: c.items,
			drills: at(c.slowLatencyMs),
			send: n8n(ROUTES.builtinDefaults),
		},
		{ key: 'makespan/node', items: c.items, drills: at(c.latencyMs), send: n8n(ROUTES.nodeFixed) },
		{
			key: 'makespan/builtinTuned',
			items: c.items,
			drills: at(c.latencyMs),
			send: n8n(ROUTES.builtinTuned),
		},
		{ key: 'makespan/plain', items: c.items, drills: at(c.latencyMs), send: send.plainLoop() },
		{ key: 'overhead/node', items: c.items, drills: [], send: n8n(ROUTES.node) },
		{
			key: 'overhead/builtinDefaults',
			items: c.items,
			drills: [],
			send: n8n(ROUTES.builtinDefaults),
		},
		{ key: 'overhead/plain', items: c.items, drills: [], send: send.plainLoop() },
		...c.limits.map((perSecond) => ({
			key: `limit${perSecond}/node`,
			items: c.items,
			drills: limited(perSecond),
			send: n8n(ROUTES.node),
		})),
		...(['node', 'builtinDefaults', 'builtinTuned', 'builtinRate'] as const).map((route) => ({
			key: `rate/${route}`,
			items: c.rateItems,
			drills: limited(c.rate),
			send: n8n(ROUTES[route]),
		})),
		...(['node', 'builtinDefaults'] as const).map((route) => ({
			key: `burst/${route}`,
			items: c.burstExecutions,
			drills: limited(c.rate),
			send: send.burstViaN8n(ROUTES[route], c.burstWithinMs),
		})),
		{
			key: 'together/node',
			items: c.togetherExecutions * c.togetherItems,
			drills: [latency(c.latencyMs), rateLimit(c.togetherRate)],
			send: send.togetherViaN8n(ROUTES.node, c.togetherExecutions),
		},
	];
}
