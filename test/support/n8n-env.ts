/**
 * A jest setup file (jest.config.js `setupFiles`): n8n-core reads its settings when it is imported,
 * so they are set here, before any test file imports it: each test file gets its own user folder,
 * and n8n's own logger its most talkative level (the engine harness keeps its lines for the secrets checks).
 */
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

process.env.N8N_USER_FOLDER = mkdtempSync(join(tmpdir(), 'smile-id-n8n-'));
process.env.N8N_LOG_LEVEL = 'debug';
