/**
 * The local Brella ("demo server"): a Brella-compatible Integration API over generated data, for the demo mode
 * and the tests. Independent of VS Code and of src/brella.
 */
export { startDemoServer, type DemoServer, type DemoServerOptions } from './server.ts';
export { createDemoData, type DemoDataOptions } from './data.ts';
export * from './constants.ts';
export type * from './types.ts';
export { SLICE_FILTER_PARAMS, filterSlices, parseSliceFilters, parseTimestamp, sliceMatches, toSearchParams, type SliceFilters, type SliceFilterResult } from './filters.ts';
export { attendeeResource, eventResource, sessionResource, sliceResource, JSONAPI_CONTENT_TYPE, type PagedDocument, type Resource, type ErrorDocument } from './jsonapi.ts';
export { DemoRequestLog, type DemoRequestRecord } from './requestLog.ts';
export type { DemoFaults } from './faults.ts';
export type { RateLimitOptions } from './rateLimit.ts';
export type { EmptyAs204 } from './router.ts';
export { WorldError, type DemoWorld, type NewAttendee, type NewSlice, type NewSliceType, type OutageOptions, type WorldState } from './world.ts';
