/** Every end-to-end spec, in the order they run within their phase (see e2e/spec.ts). */
import type { Spec } from '../spec';
import { agentMcp, agentToolExecutor } from './agents';
import { bulkExample } from './bulk-example';
import { credentialTest } from './credential-test';
import { crmWebhook } from './crm-webhook';
import { devStop } from './dev-stop';
import { editorExamples } from './editor-examples';
import { editorFirstSteps } from './editor-first-steps';
import { editorNode } from './editor-node';
import { errorCase } from './error-case';
import { fanOutExample } from './fan-out-example';
import { linksExample } from './links';
import { kycOnboarding } from './kyc-onboarding';
import { readsEditor, readsHeadless } from './reads';
import { sixOperations } from './six-operations';
import { editorTrigger, triggerCallbacks } from './trigger';

export const SPECS: Spec[] = [
	devStop,
	sixOperations,
	errorCase,
	readsHeadless,
	bulkExample,
	agentToolExecutor,
	crmWebhook,
	kycOnboarding,
	fanOutExample,
	credentialTest,
	triggerCallbacks,
	agentMcp,
	editorNode,
	editorFirstSteps,
	readsEditor,
	editorExamples,
	editorTrigger,
	linksExample,
];
