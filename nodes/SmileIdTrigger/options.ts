import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { VERDICTS } from '../SmileId/common/resultCodes';

export const DEFAULT_FRESHNESS_MINUTES = 10;
export const FRESHNESS_RANGE = { min: 1, max: 60 } as const;

export const triggerOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	options: [
		{
			displayName: 'Confirm With Smile ID',
			name: 'confirmWithSmileId',
			type: 'boolean',
			default: true,
			description:
				"Whether to ask Smile ID's job API (job_status, one request per callback) for the job's result before starting, and start only from Smile ID's answer. A signature proves only that the sender holds the key, not what the body says.",
		},
		{
			displayName: 'Freshness Window (Minutes)',
			name: 'freshnessWindow',
			type: 'number',
			typeOptions: { minValue: FRESHNESS_RANGE.min, maxValue: FRESHNESS_RANGE.max },
			default: DEFAULT_FRESHNESS_MINUTES,
			description: `How far a callback's signed timestamp may lie from n8n's clock, either way, from ${FRESHNESS_RANGE.min} to ${FRESHNESS_RANGE.max} minutes; also how long its signature and SmileJobID are remembered so a re-sent callback starts nothing`,
		},
		{
			displayName: 'Include Personal Data',
			name: 'includePersonalData',
			type: 'boolean',
			default: false,
			description:
				'Whether to keep the personal data of an ID job (names, ID number, date of birth, photo, document images, addresses, phone numbers) in "callback"; off, they are left out',
		},
		{
			displayName: 'Include Raw Callback',
			name: 'includeRawCallback',
			type: 'boolean',
			default: true,
			description:
				'Whether to add the callback body (without its signature) under "callback"; personal data only with Include Personal Data',
		},
		{
			displayName: 'Only These Verdicts',
			name: 'onlyVerdicts',
			type: 'multiOptions',
			options: VERDICTS.map((verdict) => ({
				name: verdict.charAt(0).toUpperCase() + verdict.slice(1),
				value: verdict,
			})).sort((a, b) => a.name.localeCompare(b.name)),
			default: [],
			description:
				'Start the workflow only for these verdicts; other callbacks are answered 200 and start nothing. Empty: every verdict.',
		},
	],
};

/**
 * The Freshness Window in milliseconds, or why it cannot be used: it must be a finite number of
 * minutes in the documented range. An expression giving NaN or Infinity would make every stale
 * callback fresh, so anything else refuses callbacks rather than guess.
 */
export function freshnessMsOf(options: IDataObject): { ms: number } | { problem: string } {
	const value = options.freshnessWindow ?? DEFAULT_FRESHNESS_MINUTES;
	const minutes = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (
		typeof minutes !== 'number' ||
		!Number.isFinite(minutes) ||
		minutes < FRESHNESS_RANGE.min ||
		minutes > FRESHNESS_RANGE.max
	) {
		const shown = typeof value === 'number' ? String(value) : JSON.stringify(value);
		return {
			problem: `its Freshness Window is ${shown}: set a number of minutes from ${FRESHNESS_RANGE.min} to ${FRESHNESS_RANGE.max}`,
		};
	}
	return { ms: minutes * 60_000 };
}

/**
 * Keys of personal data in Smile ID's callbacks (ID jobs carry FullName, DOB, IDNumber, Photo,
 * PhoneNumber, Address, FullData...), compared without case or underscores, at any depth.
 */
const PERSONAL_KEYS = new Set(
	[
		'FullName',
		'FirstName',
		'MiddleName',
		'LastName',
		'OtherName',
		'OtherNames',
		'Surname',
		'DOB',
		'DateOfBirth',
		'YearOfBirth',
		'IDNumber',
		'Secondary_ID_Number',
		'ExpirationDate',
		'Gender',
		'Photo',
		'Selfie',
		'Document',
		'DocumentImage',
		'Images',
		'ImageLinks',
		'Address',
		'PostalAddress',
		'PhoneNumber',
		'PhoneNumber2',
		'Email',
		'FullData',
	].map((key) => key.replace(/_/g, '').toLowerCase()),
);

/** A copy of a callback without its personal data (see PERSONAL_KEYS). */
export function withoutPersonalData(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(withoutPersonalData);
	if (value === null || typeof value !== 'object') return value;
	return Object.fromEntries(
		Object.entries(value)
			.filter(([key]) => !PERSONAL_KEYS.has(key.replace(/_/g, '').toLowerCase()))
			.map(([key, inner]) => [key, withoutPersonalData(inner)]),
	);
}
