import type { SmileIdResource } from '../node.type';
import { getWalletBalanceOperation } from './getWalletBalance.operation';

export const account: SmileIdResource<'getWalletBalance'> = {
	name: 'Account',
	defaultOperation: 'getWalletBalance',
	properties: [],
	operations: { getWalletBalance: getWalletBalanceOperation },
};
