import type { SmileIdResource } from '../node.type';
import { createOperation } from './create.operation';
import { disableOperation } from './disable.operation';
import { getOperation } from './get.operation';
import { getManyOperation } from './getMany.operation';

/** Smile Links: a hosted verification page to send to a person (the result comes through the trigger). */
export const link: SmileIdResource<'create' | 'get' | 'getMany' | 'disable'> = {
	name: 'Link',
	defaultOperation: 'create',
	properties: [],
	operations: {
		create: createOperation,
		disable: disableOperation,
		get: getOperation,
		getMany: getManyOperation,
	},
};
