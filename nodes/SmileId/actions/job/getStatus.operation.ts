import type { INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { userIdOf } from '../../helpers/userId';
import { sendToSmileId } from '../../transport/send';
import type { SmileIdOperation } from '../node.type';
import { jobStatusBody, readJobStatus } from './status';

const jobIdProperty: INodeProperties = {
	displayName: 'Job ID',
	name: 'jobId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. job-77',
	description:
		'The job_id your system sent to Smile ID with the job (its PartnerParams), not the SmileJobID',
};

/** Job > Get Status: one job's result from job_status, used only once its own signature is confirmed. */
export const getStatusOperation: SmileIdOperation = {
	name: 'Get Status',
	subtitle: 'Get Job Status',
	action: 'Get the status of a job',
	description: "Get a job's result from Smile ID, checked to be signed by Smile ID",
	properties: [jobIdProperty],
	options: ['history', 'imageLinks'],
	async execute(itemIndex, run) {
		const userId = userIdOf(this, itemIndex);
		const jobId = String(this.getNodeParameter('jobId', itemIndex) ?? '').trim();
		if (!jobId) {
			throw new NodeOperationError(this.getNode(), 'The Job ID is empty', {
				itemIndex,
				description:
					'Set Job ID to the job_id your system sent to Smile ID with the job. Nothing was sent.',
			});
		}
		const body = jobStatusBody(userId, jobId, {
			history: run.options.history,
			imageLinks: run.options.imageLinks,
		});
		const result = await sendToSmileId(this, 'jobStatus', body, itemIndex, run.settings);
		if (!result.ok) {
			result.error.context.itemFields = { userId, jobId };
			throw result.error;
		}
		return {
			userId,
			jobId,
			...readJobStatus(this.getNode(), result.body, result.signedBySmileId === true, itemIndex),
		};
	},
};
