/**
 * Preloaded with `node --require` into every n8n process the e2e helpers start (Runtime.args in
 * e2e/n8n/install.ts) and into `npm run dev` itself (package.json): when the process that started
 * this one is gone (killed with SIGKILL, crashed, or a terminal that closed), this process has been
 * adopted by another one; it then sends itself SIGTERM, the signal its parent would have sent, so
 * n8n shuts down gracefully and `npm run dev` stops what it started. Plain JavaScript: it runs
 * inside n8n's own Node, without ts-node.
 */
'use strict';

const parent = process.ppid;
const timer = setInterval(() => {
	if (process.ppid === parent) return;
	clearInterval(timer);
	process.kill(process.pid, 'SIGTERM');
}, 1000);
timer.unref();
