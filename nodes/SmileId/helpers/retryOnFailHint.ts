import type { IExecuteFunctions } from 'n8n-workflow';

/**
 * Above the output when the node's setting Retry On Fail is on: n8n then runs the whole node again
 * after a failure, all items included, so users already changed would be sent again.
 */
export function addRetryOnFailHint(context: IExecuteFunctions): void {
	if (context.getNode().retryOnFail !== true) return;
	context.addExecutionHints({
		message:
			"Turn off Retry On Fail in this node's settings: it runs the whole node again and sends again the users already changed. The node retries each request itself (Options > Max Attempts).",
		type: 'warning',
		location: 'outputPane',
	});
}
