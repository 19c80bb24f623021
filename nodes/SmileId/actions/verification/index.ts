import type { SmileIdResource } from '../node.type';
import { jobIdProperty, verificationUserIdProperty } from './properties';
import { screenAmlOperation } from './screenAml.operation';
import { verifyBusinessOperation } from './verifyBusiness.operation';
import { verifyIdNumberOperation } from './verifyIdNumber.operation';

/** The checks without a camera: each one a paid Smile ID job, never submitted twice (submit.ts). */
export const verification: SmileIdResource<'verifyIdNumber' | 'verifyBusiness' | 'screenAml'> = {
	name: 'Verification',
	defaultOperation: 'verifyIdNumber',
	properties: [verificationUserIdProperty, jobIdProperty],
	operations: {
		verifyIdNumber: verifyIdNumberOperation,
		verifyBusiness: verifyBusinessOperation,
		screenAml: screenAmlOperation,
	},
};
