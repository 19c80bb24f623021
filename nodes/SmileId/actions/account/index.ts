import type { SmileIdResource } from '../node.type';
import { getWalletBalanceOperation } from './getWalletBalance.operation';
import { listIdTypesOperation } from './listIdTypes.operation';

export const account: SmileIdResource<'getWalletBalance' | 'listIdTypes'> = {
	name: 'Account',
	defaultOperation: 'getWalletBalance',
	properties: [],
	operations: {
		getWalletBalance: getWalletBalanceOperation,
		listIdTypes: listIdTypesOperation,
	},
};
