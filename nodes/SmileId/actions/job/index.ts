import type { SmileIdResource } from '../node.type';
import { userIdProperty } from '../../helpers/userId';
import { getStatusOperation } from './getStatus.operation';

export const job: SmileIdResource<'getStatus'> = {
	name: 'Job',
	defaultOperation: 'getStatus',
	properties: [userIdProperty],
	operations: { getStatus: getStatusOperation },
};
