import type { INodeProperties } from 'n8n-workflow';

import { NOT_IN_TOOL, userIdForModelProperty } from '../../helpers/tool';
import type { SmileIdResource } from '../node.type';
import { getOperation } from './get.operation';
import type { EnrolleeOperationName } from './operations';
import { writeOperation } from './write.operation';

export const userIdProperty: INodeProperties = {
	displayName: 'User ID',
	name: 'userId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. user-3f2c9a',
	description: 'The user_id your system sent to Smile ID when the user enrolled',
	displayOptions: { show: NOT_IN_TOOL },
};

export const enrollee: SmileIdResource<EnrolleeOperationName | 'get'> = {
	name: 'Enrollee',
	defaultOperation: 'deactivate',
	properties: [userIdProperty, userIdForModelProperty],
	operations: {
		allowReenrollment: writeOperation('allowReenrollment'),
		unflagFraud: writeOperation('unflagFraud'),
		deactivate: writeOperation('deactivate'),
		delete: writeOperation('delete'),
		flagFraud: writeOperation('flagFraud'),
		get: getOperation,
		reactivate: writeOperation('reactivate'),
	},
};
