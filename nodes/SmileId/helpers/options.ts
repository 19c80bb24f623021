import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { ExecutionLimit } from '../transport/limiter';
import type { SendSettings } from '../transport/send';

/** Every option's value type; its default is the one written in its field below (see WHEN_NOT_ADDED). */
export interface Options {
	history: boolean;
	imageLinks: boolean;
	firstRetryDelay: number;
	maxAttempts: number;
	maxRequestsInFlight: number;
	maxRetryWait: number;
	timeout: number;
	includeIdCheck: boolean;
	notFoundOutputsItem: boolean;
	skipIfDone: boolean;
	dryRun: boolean;
	validateOnly: boolean;
	includePersonalData: boolean;
	runAsync: boolean;
	callbackUrl: string;
}

export type OptionName = keyof Options;

/**
 * Retry, concurrency and timeout settings, shown for every operation, and the options only some
 * operations show (their `options` list; actions/properties.ts sets where each is shown). Each
 * option's default is written here once; read once per execution.
 */
export const requestOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	options: [
		{
			displayName: 'Callback URL',
			name: 'callbackUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://n8n.example.com/webhook/kyc-result',
			description:
				"With Run Asynchronously: where Smile ID sends the result, the Smile ID Trigger's Production URL (https)",
		},
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
			description: "Whether to add the job's earlier results",
		},
		{
			displayName: 'Image Links',
			name: 'imageLinks',
			type: 'boolean',
			default: false,
			description: "Whether to add links to the job's images (signed links that expire soon)",
		},
		{
			displayName: 'Include ID Check Data',
			name: 'includeIdCheck',
			type: 'boolean',
			default: false,
			description:
				"Whether to add each job's ID check (name, ID number, date of birth and a base64 photo) to the output. Off: personal data stays out of the run.",
		},
		{
			displayName: 'Include Personal Data',
			name: 'includePersonalData',
			type: 'boolean',
			default: false,
			description:
				'Whether to add the personal data Smile ID returned (names, dates of birth, photo, addresses, phone numbers, ID numbers) to the output. Off: only the verdict and what was found stay in the run.',
		},
		{
			displayName: 'Max Attempts',
			name: 'maxAttempts',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 10 },
			default: 5,
			description:
				"How many times to send an item when Smile ID is busy, unavailable or does not answer (HTTP 408, 429, 5xx, network errors). Set to 1 to turn retrying off. Leave the node's Settings > Retry On Fail off: it runs the whole node again, and sends again the users already changed.",
		},
		{
			displayName: 'Max Requests in Flight',
			name: 'maxRequestsInFlight',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 500 },
			default: 300,
			description:
				'The most requests of this execution that may wait for Smile ID at once. The node starts with one, speeds up while Smile ID keeps up, and slows down and paces itself when Smile ID answers "too many requests"; executions for the same Smile ID account share what it learns.',
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
			displayName: 'Not Found: Output an Item',
			name: 'notFoundOutputsItem',
			type: 'boolean',
			default: false,
			description:
				'Whether an unknown User ID gives an item {userId, found: false} instead of an error (Smile ID code 2210)',
		},
		{
			displayName: 'Preview Only (Dry Run)',
			name: 'dryRun',
			type: 'boolean',
			default: true,
			description:
				'Whether to only read each user and output what would change (wouldChange, and the state before), sending no change to Smile ID',
		},
		{
			displayName: 'Run Asynchronously',
			name: 'runAsync',
			type: 'boolean',
			default: false,
			description:
				'Whether to only submit the check: the item says it was submitted, and the result arrives later at the Callback URL (the Smile ID Trigger)',
		},
		{
			displayName: 'Skip If Already Done',
			name: 'skipIfDone',
			type: 'boolean',
			default: false,
			description:
				'Whether to read each user first and send nothing when the change is already in place (changed: false). Costs one extra read per item.',
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 30,
			description: 'How long to wait for Smile ID to answer one request before treating it as lost',
		},
		{
			displayName: 'Validate Only',
			name: 'validateOnly',
			type: 'boolean',
			default: false,
			description:
				"Whether to only check each item's fields against Smile ID's lists and output what is wrong (valid, problems), submitting nothing and paying nothing",
		},
	],
};

/**
 * An option's value while it is not added, where it differs from its default when added. n8n
 * stores only added options, so a workflow saved without Preview Only keeps sending its changes,
 * while adding the option turns the preview on.
 */
const WHEN_NOT_ADDED: Partial<Options> = { dryRun: false };

const OPTION_DEFAULTS = {
	...Object.fromEntries(
		(requestOptions.options as INodeProperties[]).map(({ name, default: fallback }) => [
			name,
			fallback,
		]),
	),
	...WHEN_NOT_ADDED,
};

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
		limit: new ExecutionLimit(Math.max(1, Math.floor(options.maxRequestsInFlight))),
		timeoutMs: options.timeout * 1000,
		retry: {
			maxAttempts: Math.max(1, Math.floor(options.maxAttempts)),
			firstDelayMs: options.firstRetryDelay,
			maxTotalWaitMs: options.maxRetryWait * 1000,
		},
	};
}
