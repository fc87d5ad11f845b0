import { AccountClosureResolver } from './closure.resolver.js';
import { DataExportResolver } from './data-export.resolver.js';
import { RetentionResolver } from './retention.resolver.js';
import { DataSubjectReportResolver } from './subject-report.resolver.js';

/** The GDPR (AVG) resolvers, for resolvers/schema.ts. */
export const avgResolvers = [DataExportResolver, AccountClosureResolver, RetentionResolver, DataSubjectReportResolver] as const;
