/**
 * digestcast's public API: read digests into the model, build the site, send a day.
 * Everything else is internal and may change.
 */
export type { Day, Diagnostic, FetchFailure, FetchFailureReason, Paper, Severity, SourceDay, SourceId, SourceStatus } from './model.js';
export type { Config } from './config/schema.js';
export { loadConfig, ConfigError } from './config/load-config.js';
export { parseDigest, type ParsedDigest } from './parse/parse-digest.js';
export { mergeDays } from './parse/merge-days.js';
export { readDigests, type DigestSet } from './read-digests.js';
/** Opening a project: its config, folders, and its digest history and templates read once (build, then send from the same one). */
export { openProject, type Project, type ProjectDigests } from './open-project.js';
export { buildSite, type BuildOptions, type BuildResult } from './build/build-site.js';
export { sendDay, type SendOptions } from './send/send-day.js';
export { EXIT_CODES, type SendReport } from './send/send-report.js';
/** What `sendDay` throws before sending: a setting, a state it cannot trust, another send holding the lock. */
export { TransportConfigError } from './send/transport.js';
export { StateError } from './send/state-files.js';
export { SendLockError } from './send/send-lock.js';
export { main } from './cli.js';
