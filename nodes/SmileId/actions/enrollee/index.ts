import { userIdForModelProperty } from '../../helpers/tool';
import { userIdProperty } from '../../helpers/userId';
import type { SmileIdResource } from '../node.type';
import { getOperation } from './get.operation';
import type { EnrolleeOperationName } from './operations';
import { writeOperation } from './write.operation';

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
