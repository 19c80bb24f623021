import { randomUUID } from 'crypto';
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { userIdOf } from '../../helpers/userId';
import type { JobIds } from './submit';

/** The person's or company's id in your system: Smile ID's user_id, any unique text. */
export const verificationUserIdProperty: INodeProperties = {
	displayName: 'User ID',
	name: 'userId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. customer-3f2c9a',
	description:
		"Your own ID for the person or company checked (Smile ID's user_id), e.g. the customer's ID in your CRM",
};

export const jobIdProperty: INodeProperties = {
	displayName: 'Job ID',
	name: 'jobId',
	type: 'string',
	default: '',
	placeholder: 'e.g. order-1042-kyc',
	description:
		"Leave empty for a new unique job_id per item. Map one of your own (e.g. the record's ID) to make runs repeatable: a job that already ran with this job_id is reported from its result and never submitted, and billed, again.",
};

export const countryProperty: INodeProperties = {
	displayName: 'Country Name or ID',
	name: 'country',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'countries' },
	required: true,
	default: '',
	description:
		'The country that issued the ID, from Smile ID\'s list of supported countries. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export const idTypeProperty: INodeProperties = {
	displayName: 'ID Type Name or ID',
	name: 'idType',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'idTypes', loadOptionsDependsOn: ['country'] },
	required: true,
	default: '',
	description:
		'The type of ID, from Smile ID\'s list for the country; each type says which fields it needs. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export const idNumberProperty: INodeProperties = {
	displayName: 'ID Number',
	name: 'idNumber',
	type: 'string',
	required: true,
	default: '',
	description: "Checked against the ID type's pattern before anything is sent",
};

/** The text of a string field, trimmed; numbers as typed (an ID number mapped from a number column). */
export function textOf(context: IExecuteFunctions, name: string, itemIndex: number): string {
	const value = context.getNodeParameter(name, itemIndex, '');
	return typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
}

/** This item's user_id and job_id: the mapped Job ID, or a new unique one. */
export function jobIdsOf(
	context: IExecuteFunctions,
	itemIndex: number,
): JobIds & { mapped: boolean } {
	const userId = userIdOf(context, itemIndex);
	const jobId = textOf(context, 'jobId', itemIndex);
	return jobId ? { userId, jobId, mapped: true } : { userId, jobId: randomUUID(), mapped: false };
}
