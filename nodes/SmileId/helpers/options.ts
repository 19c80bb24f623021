import type { INodeProperties } from 'n8n-workflow';

/** Retry, concurrency and timeout settings, read once per execution by execute.ts. */
export const requestOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	options: [
		{
			displayName: 'First Retry Delay (Ms)',
			name: 'firstRetryDelay',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 1000,
			description:
				'How long to wait before the first retry of a request; each further retry waits about twice as long',
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
				"The longest one item may spend waiting between attempts, including waits that Smile ID asks for with Retry-After",
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
