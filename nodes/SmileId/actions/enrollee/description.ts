import type { INodeProperties } from 'n8n-workflow';

import { ENROLLEE_OPERATIONS } from './operations';

const showOnlyForEnrollee = { show: { resource: ['enrollee'] } };

export const enrolleeProperties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: showOnlyForEnrollee,
		options: Object.entries(ENROLLEE_OPERATIONS).map(([value, operation]) => ({
			name: operation.name,
			value,
			action: operation.action,
			description: operation.description,
		})),
		default: 'deactivate',
	},
	{
		displayName: 'User ID',
		name: 'userId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. user-3f2c9a',
		displayOptions: showOnlyForEnrollee,
		description: 'The user_id your system sent to Smile ID when the user enrolled',
	},
];
