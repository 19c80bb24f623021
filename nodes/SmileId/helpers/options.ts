import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { AdaptiveLimit } from '../transport/limiter';
import type { SendSettings } from '../transport/request';

/** Every option's value type; its default is the one written in its field below. */
export interface Options {
	history: boolean;
	imageLinks: boolean;
	firstRetryDelay: number;
	maxAttempts: number;
	maxRequestsInFlight: number;
	maxRetryWait: number;
	timeout: number;
}

/** Retry, concurrency and timeout settings, and what Job > Get Status asks for; read once per execution by the router. */
export const requestOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	options: [
		{
			displayName: 'First Retry Delay (Milliseconds)',
			name: 'firstRetryDelay',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 1000,
			description:
				'How long to wait before the first retry of a request, in milliseconds (1000 = one second); each further retry waits about twice as long',
		},
		{
			displayName: 'History',
			name: 'history',
			type: 'boolean',
			default: false,
			displayOptions: { show: { '/resource': ['job'] } },
			description: "Whether to add the job's earlier results",
		},
		{
			displayName: 'Image Links',
			name: 'imageLinks',
			type: 'boolean',
			default: false,
			displayOptions: { show: { '/resource': ['job'] } },
			description: "Whether to add links to the job's images (signed links that expire soon)",
		},
		{
			displayName: 'Max Attempts',
			name: 'maxAttempts',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 10 },
			default: 5,
			description:
				'How many times to send an item when Smile ID is busy, unavailable or does not answer (HTTP 408, 429, 5xx, network errors). Set to 1 to turn retrying off.',
		},
		{
			displayName: 'Max Requests in Flight',
			name: 'maxRequestsInFlight',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 20 },
			default: 5,
			description:
				'How many requests may wait for Smile ID at once. The node starts with one, grows to this number, and slows down by itself when Smile ID asks it to.',
		},
		{
			displayName: 'Max Retry Wait (Seconds)',
			name: 'maxRetryWait',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 60,
			description:
				'The longest one item may spend waiting between attempts, including waits that Smile ID asks for with Retry-After',
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 30,
			description: 'How long to wait for Smile ID to answer one request before treating it as lost',
		},
	],
};

const OPTION_DEFAULTS = Object.fromEntries(
	(requestOptions.options as INodeProperties[]).map(({ name, default: fallback }) => [name, fallback]),
);

/** The options of this execution, each one the user's value or its default. */
export function readOptions(context: IExecuteFunctions): Options {
	const chosen = context.getNodeParameter('options', 0, {}) as IDataObject;
	return Object.fromEntries(
		Object.entries(OPTION_DEFAULTS).map(([name, fallback]) => [
			name,
			typeof chosen[name] === typeof fallback ? chosen[name] : fallback,
		]),
	) as unknown as Options;
}

export function sendSettings(options: Options): SendSettings {
	return {
		limit: new AdaptiveLimit(Math.max(1, Math.floor(options.maxRequestsInFlight))),
		timeoutMs: options.timeout * 1000,
		retry: {
			maxAttempts: Math.max(1, Math.floor(options.maxAttempts)),
			firstDelayMs: options.firstRetryDelay,
			maxTotalWaitMs: options.maxRetryWait * 1000,
		},
	};
}
