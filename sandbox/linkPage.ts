/**
 * The page at a Smile Link's URL, standing in for Smile ID's hosted page: instead of a selfie and
 * an ID photo, the tester picks a verdict. Stable selectors for tests and Chromium:
 * `#link-page[data-state=ready|sending|done|error]`, `#id-type`, `#verdict`, `#complete`, and once
 * done `#result-code`, `#smile-job-id`, `#callback-status`; `#error-message` in the error state.
 * Completing POSTs JSON {verdict, idTypeIndex} to `<link URL>/complete`.
 */
import type { SandboxLink } from './links';
import { VERDICTS } from './links';

const escapeHtml = (text: string): string =>
	text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

const SCRIPT = `
const page = document.getElementById('link-page');
const show = (state, fields) => {
	page.dataset.state = state;
	for (const [id, text] of Object.entries(fields)) document.getElementById(id).textContent = text;
};
document.getElementById('complete').addEventListener('click', async () => {
	show('sending', {});
	document.getElementById('complete').disabled = true;
	try {
		const answer = await fetch(location.pathname + '/complete', {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({
				verdict: document.getElementById('verdict').value,
				idTypeIndex: Number(document.getElementById('id-type').value),
			}),
		});
		const body = await answer.json();
		if (!answer.ok) return show('error', { 'error-message': body.error });
		const delivery = body.deliveries[0];
		show('done', {
			'result-code': body.job.resultCode,
			'smile-job-id': body.job.smileJobId,
			'callback-status': delivery ? String(delivery.status) : (body.callbackNotSent || 'no callback URL'),
		});
	} catch (error) {
		show('error', { 'error-message': String(error) });
	}
});
`;

/** The page's HTML; `unusable` (disabled, expired, used) opens it in the error state. */
export function linkPage(link: SandboxLink, unusable: string | null): string {
	const { record } = link;
	const idTypes = record.id_types
		.map(
			(t, i) =>
				`<option value="${i}">${escapeHtml(`${t.country} ${t.id_type} (${t.verification_method})`)}</option>`,
		)
		.join('');
	const verdicts = VERDICTS.map((v) => `<option value="${v}">${v}</option>`).join('');
	return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(record.name)} (Smile ID sandbox link)</title></head>
<body>
<main id="link-page" data-state="${unusable ? 'error' : 'ready'}" data-ref-id="${escapeHtml(record.ref_id)}">
<h1>${escapeHtml(record.name)}</h1>
<p>${escapeHtml(record.company_name)} asks you to verify your identity. This is the local Smile ID
sandbox: no photo is taken, pick the verdict the verification should give.</p>
<p id="error-message">${unusable ? escapeHtml(unusable) : ''}</p>
<label>ID type <select id="id-type">${idTypes}</select></label>
<label>Verdict <select id="verdict">${verdicts}</select></label>
<button id="complete" type="button"${unusable ? ' disabled' : ''}>Complete verification</button>
<dl>
<dt>Result code</dt><dd id="result-code"></dd>
<dt>SmileJobID</dt><dd id="smile-job-id"></dd>
<dt>Callback answered</dt><dd id="callback-status"></dd>
</dl>
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
