/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment AdminPortalAccount on PortalAccount {\n    id\n    email\n    type\n    status\n    locale\n    activatedAt\n    lastSignInAt\n    createdAt\n    contactName\n  }\n": typeof types.AdminPortalAccountFragmentDoc,
    "\n  query AdminPortalAccounts($tenantId: ID!, $first: Int!, $after: String, $filter: PortalAccountFilter) {\n    portalAccounts(tenantId: $tenantId, first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        ...PageInfoFields\n      }\n      edges {\n        node {\n          ...AdminPortalAccount\n        }\n      }\n    }\n  }\n": typeof types.AdminPortalAccountsDocument,
    "\n  mutation InvitePortalAccount($tenantId: ID!, $input: InvitePortalAccountInput!) {\n    invitePortalAccount(tenantId: $tenantId, input: $input) {\n      ...AdminPortalAccount\n    }\n  }\n": typeof types.InvitePortalAccountDocument,
    "\n  query AdminSearchClients($tenantId: ID!, $query: String!, $first: Int) {\n    searchClients(tenantId: $tenantId, query: $query, first: $first) {\n      id\n      name\n      type\n      email\n      contacts {\n        id\n        name\n        email\n        role\n      }\n    }\n  }\n": typeof types.AdminSearchClientsDocument,
    "\n  mutation SetPortalAccountStatus($tenantId: ID!, $accountId: ID!, $status: AccountStatus!) {\n    setPortalAccountStatus(tenantId: $tenantId, accountId: $accountId, status: $status) {\n      ...AdminPortalAccount\n    }\n  }\n": typeof types.SetPortalAccountStatusDocument,
    "\n  query AdminAuditEvents($tenantId: ID!, $first: Int!, $after: String, $filter: AuditEventFilter) {\n    auditEvents(tenantId: $tenantId, first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        ...PageInfoFields\n      }\n      edges {\n        node {\n          id\n          seq\n          occurredAt\n          type\n          outcome\n          accountId\n          actor\n          actorKind\n          actorLabel\n          targetType\n          targetId\n          details\n          prevHash\n          hash\n        }\n      }\n    }\n  }\n": typeof types.AdminAuditEventsDocument,
    "\n  query VerifyAuditTrail($tenantId: ID!) {\n    verifyAuditTrail(tenantId: $tenantId) {\n      intact\n      checkedEvents\n      firstBrokenSeq\n      reason\n      expected\n      found\n      lastSeq\n      lastHash\n    }\n  }\n": typeof types.VerifyAuditTrailDocument,
    "\n  query AuditEventTypes {\n    auditEventTypes\n  }\n": typeof types.AuditEventTypesDocument,
    "\n  mutation StaffSignIn($input: StaffSignInInput!) {\n    staffSignIn(input: $input) {\n      roles\n      expiresAt\n    }\n  }\n": typeof types.StaffSignInDocument,
    "\n  query AdminViewer {\n    viewer {\n      __typename\n      ... on StaffViewer {\n        loginName\n        roles\n        tenantId\n      }\n    }\n  }\n": typeof types.AdminViewerDocument,
    "\n  mutation RunRetentionCleanup($tenantId: ID!, $dryRun: Boolean!, $asOf: DateTime) {\n    runRetentionCleanup(tenantId: $tenantId, dryRun: $dryRun, asOf: $asOf) {\n      dryRun\n      ranAt\n      asOf\n      retentionBasis\n      nextcloudReachable\n      checked\n      pseudonymisedCount\n      heldCount\n      failedCount\n      alreadyPseudonymisedCount\n      accounts {\n        accountId\n        outcome\n        heldUntil\n        reasons\n      }\n    }\n  }\n": typeof types.RunRetentionCleanupDocument,
    "\n  query TenantConnectionCheck($tenantId: ID!) {\n    tenantConnectionCheck(tenantId: $tenantId) {\n      checkedAt\n      ok\n      verdict\n      credentialsOk\n      loginName\n      accountDisplayName\n      register\n      records {\n        kind\n        enabled\n        total\n        foundForSampledClients\n      }\n      resources {\n        resource\n        status\n        via\n      }\n      documents\n      problems {\n        severity\n        area\n        kind\n        message\n        fixCommand\n        fixFieldMapping\n      }\n    }\n  }\n": typeof types.TenantConnectionCheckDocument,
    "\n  query TenantReadiness($tenantId: ID!) {\n    tenantReadiness(tenantId: $tenantId) {\n      ready\n      status\n      reason\n      checkedAt\n    }\n  }\n": typeof types.TenantReadinessDocument,
    "\n  fragment AdminTenantConfig on TenantConfig {\n    tenantId\n    isDefault\n    savedAt\n    savedBy\n    displayName\n    primaryColor\n    secondaryColor\n    backgroundColor\n    onPrimaryColor\n    onSecondaryColor\n    logoUrl\n    faviconUrl\n    customDomain\n    subdomain\n    supportEmail\n    supportPhone\n    mailSenderName\n    mailSenderAddress\n    paymentUrlTemplate\n    contractCancellationCategory\n    enabledFeatures\n    b2bEnabled\n    b2cEnabled\n    widgetEnabled\n    widgetAllowedOrigins\n    widgetUrl\n    mfaRequired\n    colleagueInvitesEnabled\n    sessionTtlHours\n    dpoGroup\n    language\n    retentionBasis\n  }\n": typeof types.AdminTenantConfigFragmentDoc,
    "\n  query AdminTenantConfig($tenantId: ID!) {\n    tenantConfig(tenantId: $tenantId) {\n      ...AdminTenantConfig\n    }\n  }\n": typeof types.AdminTenantConfigDocument,
    "\n  mutation SaveTenantConfig($tenantId: ID!, $input: TenantConfigInput!) {\n    saveTenantConfig(tenantId: $tenantId, input: $input) {\n      ...AdminTenantConfig\n    }\n  }\n": typeof types.SaveTenantConfigDocument,
    "\n  fragment SubjectEventFields on AuditEvent {\n    id\n    seq\n    occurredAt\n    type\n    outcome\n    accountId\n    actor\n    targetType\n    targetId\n    details\n  }\n": typeof types.SubjectEventFieldsFragmentDoc,
    "\n  query DataSubjectReport($tenantId: ID!, $email: String!, $first: Int!, $after: String) {\n    dataSubjectReport(tenantId: $tenantId, email: $email, first: $first, after: $after) {\n      auditEventCount\n      accounts {\n        id\n        type\n        status\n        matchedBy\n        pseudonymised\n        createdAt\n        lastSignInAt\n        closureRequestedAt\n        closedAt\n        pseudonymisedAt\n        exports {\n          id\n          requestedAt\n          readyAt\n          downloads\n        }\n        retention {\n          outcome\n          heldUntil\n          reasons\n        }\n      }\n      auditEvents {\n        pageInfo {\n          ...PageInfoFields\n        }\n        edges {\n          node {\n            ...SubjectEventFields\n          }\n        }\n      }\n    }\n  }\n": typeof types.DataSubjectReportDocument,
    "\n  query DataSubjectEvents($tenantId: ID!, $email: String!, $first: Int!, $after: String) {\n    dataSubjectReport(tenantId: $tenantId, email: $email, first: $first, after: $after) {\n      auditEvents {\n        pageInfo {\n          ...PageInfoFields\n        }\n        edges {\n          node {\n            ...SubjectEventFields\n          }\n        }\n      }\n    }\n  }\n": typeof types.DataSubjectEventsDocument,
    "\n  query ApiTokens {\n    apiTokens {\n      id\n      name\n      scopes\n      createdAt\n      lastUsedAt\n      expiresAt\n    }\n  }\n": typeof types.ApiTokensDocument,
    "\n  mutation CreateApiToken($input: ApiTokenInput!) {\n    createApiToken(input: $input) {\n      secret\n      token {\n        id\n        name\n        scopes\n        createdAt\n        lastUsedAt\n        expiresAt\n      }\n    }\n  }\n": typeof types.CreateApiTokenDocument,
    "\n  mutation RevokeApiToken($id: ID!) {\n    revokeApiToken(id: $id)\n  }\n": typeof types.RevokeApiTokenDocument,
    "\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      status\n      sessionExpiresAt\n      viewer {\n        ...ViewerFields\n      }\n    }\n  }\n": typeof types.SignInDocument,
    "\n  mutation SignOut {\n    signOut\n  }\n": typeof types.SignOutDocument,
    "\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email)\n  }\n": typeof types.RequestPasswordResetDocument,
    "\n  mutation ResetPassword($token: String!, $newPassword: String!) {\n    resetPassword(token: $token, newPassword: $newPassword)\n  }\n": typeof types.ResetPasswordDocument,
    "\n  mutation ActivateAccount($token: String!, $password: String!) {\n    activateAccount(token: $token, password: $password)\n  }\n": typeof types.ActivateAccountDocument,
    "\n  mutation ConfirmEmailChange($token: String!) {\n    confirmEmailChange(token: $token)\n  }\n": typeof types.ConfirmEmailChangeDocument,
    "\n  query AppBootstrap {\n    portal {\n      tenantId\n      displayName\n      primaryColor\n      onPrimaryColor\n      secondaryColor\n      backgroundColor\n      logoUrl\n      faviconUrl\n      supportEmail\n      supportPhone\n      enabledFeatures\n      b2bEnabled\n      b2cEnabled\n      mfaRequired\n    }\n    viewer {\n      ...ViewerFields\n    }\n  }\n": typeof types.AppBootstrapDocument,
    "\n  query Contracts($first: Int!, $after: String, $filter: ContractFilter) {\n    contracts(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        ...PageInfoFields\n      }\n      edges {\n        node {\n          id\n          number\n          title\n          status\n          startDate\n          endDate\n          value\n          currency\n          billingInterval\n        }\n      }\n    }\n  }\n": typeof types.ContractsDocument,
    "\n  query Contract($id: ID!) {\n    contract(id: $id) {\n      id\n      number\n      title\n      status\n      startDate\n      endDate\n      value\n      currency\n      billingInterval\n      noticePeriodDays\n      autoRenew\n      canCancel\n      earliestEndDate\n      lines {\n        description\n        quantity\n        unitPrice\n        total\n      }\n      documents {\n        ...DocumentFields\n      }\n    }\n  }\n": typeof types.ContractDocument,
    "\n  mutation RequestContractCancellation($input: ContractCancellationInput!) {\n    requestContractCancellation(input: $input) {\n      id\n      number\n    }\n  }\n": typeof types.RequestContractCancellationDocument,
    "\n  query Dashboard($invoices: Boolean!, $requests: Boolean!, $contracts: Boolean!, $orders: Boolean!) {\n    invoices(first: 5) @include(if: $invoices) {\n      totalCount\n      edges {\n        node {\n          id\n          number\n          date\n          amount\n          currency\n          status\n          paymentState\n        }\n      }\n    }\n    openRequests: requests(first: 1, filter: { status: [\"new\", \"in_progress\"] }) @include(if: $requests) {\n      totalCount\n    }\n    activeContracts: contracts(first: 1, filter: { status: [\"active\", \"expiring\"] }) @include(if: $contracts) {\n      totalCount\n    }\n    orders(first: 1) @include(if: $orders) {\n      totalCount\n    }\n  }\n": typeof types.DashboardDocument,
    "\n  query CompanyContext {\n    viewer {\n      __typename\n      ... on CustomerViewer {\n        company {\n          id\n          name\n        }\n        actingFor {\n          delegationId\n          companyName\n          scopes\n        }\n      }\n    }\n    delegationsReceived {\n      id\n      companyName\n      status\n    }\n  }\n": typeof types.CompanyContextDocument,
    "\n  fragment DelegationFields on Delegation {\n    id\n    companyName\n    granteeEmail\n    granteeHasAccount\n    scopes\n    validFrom\n    validUntil\n    revokedAt\n    status\n  }\n": typeof types.DelegationFieldsFragmentDoc,
    "\n  query Delegations {\n    delegationsGranted {\n      ...DelegationFields\n    }\n    delegationsReceived {\n      ...DelegationFields\n    }\n  }\n": typeof types.DelegationsDocument,
    "\n  query Colleagues {\n    colleagues {\n      contactId\n      name\n      role\n      hasPortalAccount\n      portalAccountState\n      isYou\n      canInvite\n    }\n  }\n": typeof types.ColleaguesDocument,
    "\n  mutation GrantDelegation($input: GrantDelegationInput!) {\n    grantDelegation(input: $input) {\n      ...DelegationFields\n    }\n  }\n": typeof types.GrantDelegationDocument,
    "\n  mutation RevokeDelegation($id: ID!) {\n    revokeDelegation(id: $id) {\n      id\n      status\n    }\n  }\n": typeof types.RevokeDelegationDocument,
    "\n  mutation SwitchContext($id: ID) {\n    switchContext(delegationId: $id) {\n      delegationId\n      companyName\n    }\n  }\n": typeof types.SwitchContextDocument,
    "\n  mutation InviteColleague($contactId: ID!) {\n    inviteColleague(contactId: $contactId) {\n      contactId\n      portalAccountState\n    }\n  }\n": typeof types.InviteColleagueDocument,
    "\n  query Documents($first: Int!, $after: String, $filter: DocumentFilter) {\n    documents(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        ...PageInfoFields\n      }\n      edges {\n        node {\n          ...DocumentFields\n          source\n          sourceId\n          sourceNumber\n          modifiedAt\n        }\n      }\n    }\n  }\n": typeof types.DocumentsDocument,
    "\n  mutation CreateDocumentDownload($documentId: ID!) {\n    createDocumentDownload(documentId: $documentId) {\n      url\n      expiresAt\n    }\n  }\n": typeof types.CreateDocumentDownloadDocument,
    "\n  fragment PageInfoFields on PageInfo {\n    hasNextPage\n    endCursor\n  }\n": typeof types.PageInfoFieldsFragmentDoc,
    "\n  fragment DocumentFields on Document {\n    id\n    name\n    mimeType\n    size\n  }\n": typeof types.DocumentFieldsFragmentDoc,
    "\n  query Invoices($first: Int!, $after: String, $filter: InvoiceFilter) {\n    invoices(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        ...PageInfoFields\n      }\n      edges {\n        node {\n          id\n          number\n          date\n          amount\n          currency\n          status\n          paymentState\n        }\n      }\n    }\n  }\n": typeof types.InvoicesDocument,
    "\n  query Invoice($id: ID!) {\n    invoice(id: $id) {\n      id\n      number\n      date\n      amount\n      currency\n      status\n      reference\n      subtotal\n      discount\n      tax\n      taxLines {\n        rate\n        base\n        amount\n      }\n      paymentState\n      paymentStatus\n      paymentMethod\n      paymentUrl\n      settledAt\n      refundedAt\n      lines {\n        description\n        quantity\n        unitPrice\n        total\n      }\n      documents {\n        ...DocumentFields\n      }\n    }\n  }\n": typeof types.InvoiceDocument,
    "\n  mutation BeginMfaEnrollment($currentCode: String, $password: String) {\n    beginMfaEnrollment(currentCode: $currentCode, password: $password) {\n      secret\n      otpauthUri\n    }\n  }\n": typeof types.BeginMfaEnrollmentDocument,
    "\n  mutation ConfirmMfaEnrollment($code: String!) {\n    confirmMfaEnrollment(code: $code)\n  }\n": typeof types.ConfirmMfaEnrollmentDocument,
    "\n  mutation DisableMfa($code: String!) {\n    disableMfa(code: $code)\n  }\n": typeof types.DisableMfaDocument,
    "\n  query Orders($first: Int!, $after: String, $filter: OrderFilter) {\n    orders(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        ...PageInfoFields\n      }\n      edges {\n        node {\n          id\n          number\n          date\n          amount\n          currency\n          status\n          paymentState\n        }\n      }\n    }\n  }\n": typeof types.OrdersDocument,
    "\n  query Order($id: ID!) {\n    order(id: $id) {\n      id\n      number\n      date\n      amount\n      currency\n      status\n      reference\n      subtotal\n      discount\n      tax\n      taxLines {\n        rate\n        base\n        amount\n      }\n      paymentState\n      paymentStatus\n      paymentMethod\n      settledAt\n      refundedAt\n      lines {\n        description\n        quantity\n        unitPrice\n        total\n      }\n      documents {\n        ...DocumentFields\n      }\n    }\n  }\n": typeof types.OrderDocument,
    "\n  query DataExports {\n    dataExports {\n      id\n      status\n      requestedAt\n      expiresAt\n      downloadUrl\n    }\n  }\n": typeof types.DataExportsDocument,
    "\n  mutation RequestDataExport {\n    requestDataExport {\n      id\n      status\n      requestedAt\n      expiresAt\n      downloadUrl\n    }\n  }\n": typeof types.RequestDataExportDocument,
    "\n  mutation RequestAccountClosure {\n    requestAccountClosure\n  }\n": typeof types.RequestAccountClosureDocument,
    "\n  mutation ConfirmAccountClosure($token: String!) {\n    confirmAccountClosure(token: $token)\n  }\n": typeof types.ConfirmAccountClosureDocument,
    "\n  fragment ProfileFields on Profile {\n    id\n    email\n    pendingEmail\n    pendingEmailExpiresAt\n    displayName\n    phone\n    address\n    jobTitle\n    locale\n    type\n    mfaEnabled\n    organisation {\n      id\n      name\n      email\n      phone\n      address\n      website\n    }\n  }\n": typeof types.ProfileFieldsFragmentDoc,
    "\n  query Profile {\n    profile {\n      ...ProfileFields\n    }\n  }\n": typeof types.ProfileDocument,
    "\n  mutation UpdateProfile($input: ProfileInput!) {\n    updateProfile(input: $input) {\n      ...ProfileFields\n    }\n  }\n": typeof types.UpdateProfileDocument,
    "\n  query Requests($first: Int!, $after: String, $filter: RequestFilter) {\n    requests(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        ...PageInfoFields\n      }\n      edges {\n        node {\n          id\n          number\n          subject\n          category\n          status\n          date\n        }\n      }\n    }\n  }\n": typeof types.RequestsDocument,
    "\n  query Request($id: ID!) {\n    request(id: $id) {\n      id\n      number\n      subject\n      body\n      category\n      status\n      priority\n      date\n      canReply\n      notes {\n        author\n        createdAt\n        message\n      }\n      documents {\n        ...DocumentFields\n      }\n    }\n  }\n": typeof types.RequestDocument,
    "\n  query RequestCategories {\n    requestCategories {\n      name\n    }\n  }\n": typeof types.RequestCategoriesDocument,
    "\n  mutation SubmitRequest($input: SubmitRequestInput!) {\n    submitRequest(input: $input) {\n      id\n      attachmentFailures {\n        index\n        fileName\n        code\n      }\n    }\n  }\n": typeof types.SubmitRequestDocument,
    "\n  mutation ReplyToRequest($id: ID!, $message: String!) {\n    replyToRequest(id: $id, message: $message) {\n      id\n    }\n  }\n": typeof types.ReplyToRequestDocument,
    "\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input)\n  }\n": typeof types.ChangePasswordDocument,
    "\n  query MySessions {\n    mySessions {\n      id\n      createdAt\n      lastSeenAt\n      browser\n      operatingSystem\n      network\n      current\n    }\n  }\n": typeof types.MySessionsDocument,
    "\n  mutation RevokeSession($id: ID!) {\n    revokeSession(id: $id)\n  }\n": typeof types.RevokeSessionDocument,
    "\n  mutation SignOutOtherSessions {\n    signOutOtherSessions\n  }\n": typeof types.SignOutOtherSessionsDocument,
    "\n  fragment ViewerFields on Viewer {\n    __typename\n    ... on CustomerViewer {\n      enrolmentOnly\n      sessionExpiresAt\n      account {\n        id\n        email\n        type\n        locale\n        contactName\n        mfaEnabled\n      }\n    }\n    ... on StaffViewer {\n      loginName\n      roles\n      tenantId\n    }\n  }\n": typeof types.ViewerFieldsFragmentDoc,
};
const documents: Documents = {
    "\n  fragment AdminPortalAccount on PortalAccount {\n    id\n    email\n    type\n    status\n    locale\n    activatedAt\n    lastSignInAt\n    createdAt\n    contactName\n  }\n": types.AdminPortalAccountFragmentDoc,
    "\n  query AdminPortalAccounts($tenantId: ID!, $first: Int!, $after: String, $filter: PortalAccountFilter) {\n    portalAccounts(tenantId: $tenantId, first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        ...PageInfoFields\n      }\n      edges {\n        node {\n          ...AdminPortalAccount\n        }\n      }\n    }\n  }\n": types.AdminPortalAccountsDocument,
    "\n  mutation InvitePortalAccount($tenantId: ID!, $input: InvitePortalAccountInput!) {\n    invitePortalAccount(tenantId: $tenantId, input: $input) {\n      ...AdminPortalAccount\n    }\n  }\n": types.InvitePortalAccountDocument,
    "\n  query AdminSearchClients($tenantId: ID!, $query: String!, $first: Int) {\n    searchClients(tenantId: $tenantId, query: $query, first: $first) {\n      id\n      name\n      type\n      email\n      contacts {\n        id\n        name\n        email\n        role\n      }\n    }\n  }\n": types.AdminSearchClientsDocument,
    "\n  mutation SetPortalAccountStatus($tenantId: ID!, $accountId: ID!, $status: AccountStatus!) {\n    setPortalAccountStatus(tenantId: $tenantId, accountId: $accountId, status: $status) {\n      ...AdminPortalAccount\n    }\n  }\n": types.SetPortalAccountStatusDocument,
    "\n  query AdminAuditEvents($tenantId: ID!, $first: Int!, $after: String, $filter: AuditEventFilter) {\n    auditEvents(tenantId: $tenantId, first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        ...PageInfoFields\n      }\n      edges {\n        node {\n          id\n          seq\n          occurredAt\n          type\n          outcome\n          accountId\n          actor\n          actorKind\n          actorLabel\n          targetType\n          targetId\n          details\n          prevHash\n          hash\n        }\n      }\n    }\n  }\n": types.AdminAuditEventsDocument,
    "\n  query VerifyAuditTrail($tenantId: ID!) {\n    verifyAuditTrail(tenantId: $tenantId) {\n      intact\n      checkedEvents\n      firstBrokenSeq\n      reason\n      expected\n      found\n      lastSeq\n      lastHash\n    }\n  }\n": types.VerifyAuditTrailDocument,
    "\n  query AuditEventTypes {\n    auditEventTypes\n  }\n": types.AuditEventTypesDocument,
    "\n  mutation StaffSignIn($input: StaffSignInInput!) {\n    staffSignIn(input: $input) {\n      roles\n      expiresAt\n    }\n  }\n": types.StaffSignInDocument,
    "\n  query AdminViewer {\n    viewer {\n      __typename\n      ... on StaffViewer {\n        loginName\n        roles\n        tenantId\n      }\n    }\n  }\n": types.AdminViewerDocument,
    "\n  mutation RunRetentionCleanup($tenantId: ID!, $dryRun: Boolean!, $asOf: DateTime) {\n    runRetentionCleanup(tenantId: $tenantId, dryRun: $dryRun, asOf: $asOf) {\n      dryRun\n      ranAt\n      asOf\n      retentionBasis\n      nextcloudReachable\n      checked\n      pseudonymisedCount\n      heldCount\n      failedCount\n      alreadyPseudonymisedCount\n      accounts {\n        accountId\n        outcome\n        heldUntil\n        reasons\n      }\n    }\n  }\n": types.RunRetentionCleanupDocument,
    "\n  query TenantConnectionCheck($tenantId: ID!) {\n    tenantConnectionCheck(tenantId: $tenantId) {\n      checkedAt\n      ok\n      verdict\n      credentialsOk\n      loginName\n      accountDisplayName\n      register\n      records {\n        kind\n        enabled\n        total\n        foundForSampledClients\n      }\n      resources {\n        resource\n        status\n        via\n      }\n      documents\n      problems {\n        severity\n        area\n        kind\n        message\n        fixCommand\n        fixFieldMapping\n      }\n    }\n  }\n": types.TenantConnectionCheckDocument,
    "\n  query TenantReadiness($tenantId: ID!) {\n    tenantReadiness(tenantId: $tenantId) {\n      ready\n      status\n      reason\n      checkedAt\n    }\n  }\n": types.TenantReadinessDocument,
    "\n  fragment AdminTenantConfig on TenantConfig {\n    tenantId\n    isDefault\n    savedAt\n    savedBy\n    displayName\n    primaryColor\n    secondaryColor\n    backgroundColor\n    onPrimaryColor\n    onSecondaryColor\n    logoUrl\n    faviconUrl\n    customDomain\n    subdomain\n    supportEmail\n    supportPhone\n    mailSenderName\n    mailSenderAddress\n    paymentUrlTemplate\n    contractCancellationCategory\n    enabledFeatures\n    b2bEnabled\n    b2cEnabled\n    widgetEnabled\n    widgetAllowedOrigins\n    widgetUrl\n    mfaRequired\n    colleagueInvitesEnabled\n    sessionTtlHours\n    dpoGroup\n    language\n    retentionBasis\n  }\n": types.AdminTenantConfigFragmentDoc,
    "\n  query AdminTenantConfig($tenantId: ID!) {\n    tenantConfig(tenantId: $tenantId) {\n      ...AdminTenantConfig\n    }\n  }\n": types.AdminTenantConfigDocument,
    "\n  mutation SaveTenantConfig($tenantId: ID!, $input: TenantConfigInput!) {\n    saveTenantConfig(tenantId: $tenantId, input: $input) {\n      ...AdminTenantConfig\n    }\n  }\n": types.SaveTenantConfigDocument,
    "\n  fragment SubjectEventFields on AuditEvent {\n    id\n    seq\n    occurredAt\n    type\n    outcome\n    accountId\n    actor\n    targetType\n    targetId\n    details\n  }\n": types.SubjectEventFieldsFragmentDoc,
    "\n  query DataSubjectReport($tenantId: ID!, $email: String!, $first: Int!, $after: String) {\n    dataSubjectReport(tenantId: $tenantId, email: $email, first: $first, after: $after) {\n      auditEventCount\n      accounts {\n        id\n        type\n        status\n        matchedBy\n        pseudonymised\n        createdAt\n        lastSignInAt\n        closureRequestedAt\n        closedAt\n        pseudonymisedAt\n        exports {\n          id\n          requestedAt\n          readyAt\n          downloads\n        }\n        retention {\n          outcome\n          heldUntil\n          reasons\n        }\n      }\n      auditEvents {\n        pageInfo {\n          ...PageInfoFields\n        }\n        edges {\n          node {\n            ...SubjectEventFields\n          }\n        }\n      }\n    }\n  }\n": types.DataSubjectReportDocument,
    "\n  query DataSubjectEvents($tenantId: ID!, $email: String!, $first: Int!, $after: String) {\n    dataSubjectReport(tenantId: $tenantId, email: $email, first: $first, after: $after) {\n      auditEvents {\n        pageInfo {\n          ...PageInfoFields\n        }\n        edges {\n          node {\n            ...SubjectEventFields\n          }\n        }\n      }\n    }\n  }\n": types.DataSubjectEventsDocument,
    "\n  query ApiTokens {\n    apiTokens {\n      id\n      name\n      scopes\n      createdAt\n      lastUsedAt\n      expiresAt\n    }\n  }\n": types.ApiTokensDocument,
    "\n  mutation CreateApiToken($input: ApiTokenInput!) {\n    createApiToken(input: $input) {\n      secret\n      token {\n        id\n        name\n        scopes\n        createdAt\n        lastUsedAt\n        expiresAt\n      }\n    }\n  }\n": types.CreateApiTokenDocument,
    "\n  mutation RevokeApiToken($id: ID!) {\n    revokeApiToken(id: $id)\n  }\n": types.RevokeApiTokenDocument,
    "\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      status\n      sessionExpiresAt\n      viewer {\n        ...ViewerFields\n      }\n    }\n  }\n": types.SignInDocument,
    "\n  mutation SignOut {\n    signOut\n  }\n": types.SignOutDocument,
    "\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email)\n  }\n": types.RequestPasswordResetDocument,
    "\n  mutation ResetPassword($token: String!, $newPassword: String!) {\n    resetPassword(token: $token, newPassword: $newPassword)\n  }\n": types.ResetPasswordDocument,
    "\n  mutation ActivateAccount($token: String!, $password: String!) {\n    activateAccount(token: $token, password: $password)\n  }\n": types.ActivateAccountDocument,
    "\n  mutation ConfirmEmailChange($token: String!) {\n    confirmEmailChange(token: $token)\n  }\n": types.ConfirmEmailChangeDocument,
    "\n  query AppBootstrap {\n    portal {\n      tenantId\n      displayName\n      primaryColor\n      onPrimaryColor\n      secondaryColor\n      backgroundColor\n      logoUrl\n      faviconUrl\n      supportEmail\n      supportPhone\n      enabledFeatures\n      b2bEnabled\n      b2cEnabled\n      mfaRequired\n    }\n    viewer {\n      ...ViewerFields\n    }\n  }\n": types.AppBootstrapDocument,
    "\n  query Contracts($first: Int!, $after: String, $filter: ContractFilter) {\n    contracts(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        ...PageInfoFields\n      }\n      edges {\n        node {\n          id\n          number\n          title\n          status\n          startDate\n          endDate\n          value\n          currency\n          billingInterval\n        }\n      }\n    }\n  }\n": types.ContractsDocument,
    "\n  query Contract($id: ID!) {\n    contract(id: $id) {\n      id\n      number\n      title\n      status\n      startDate\n      endDate\n      value\n      currency\n      billingInterval\n      noticePeriodDays\n      autoRenew\n      canCancel\n      earliestEndDate\n      lines {\n        description\n        quantity\n        unitPrice\n        total\n      }\n      documents {\n        ...DocumentFields\n      }\n    }\n  }\n": types.ContractDocument,
    "\n  mutation RequestContractCancellation($input: ContractCancellationInput!) {\n    requestContractCancellation(input: $input) {\n      id\n      number\n    }\n  }\n": types.RequestContractCancellationDocument,
    "\n  query Dashboard($invoices: Boolean!, $requests: Boolean!, $contracts: Boolean!, $orders: Boolean!) {\n    invoices(first: 5) @include(if: $invoices) {\n      totalCount\n      edges {\n        node {\n          id\n          number\n          date\n          amount\n          currency\n          status\n          paymentState\n        }\n      }\n    }\n    openRequests: requests(first: 1, filter: { status: [\"new\", \"in_progress\"] }) @include(if: $requests) {\n      totalCount\n    }\n    activeContracts: contracts(first: 1, filter: { status: [\"active\", \"expiring\"] }) @include(if: $contracts) {\n      totalCount\n    }\n    orders(first: 1) @include(if: $orders) {\n      totalCount\n    }\n  }\n": types.DashboardDocument,
    "\n  query CompanyContext {\n    viewer {\n      __typename\n      ... on CustomerViewer {\n        company {\n          id\n          name\n        }\n        actingFor {\n          delegationId\n          companyName\n          scopes\n        }\n      }\n    }\n    delegationsReceived {\n      id\n      companyName\n      status\n    }\n  }\n": types.CompanyContextDocument,
    "\n  fragment DelegationFields on Delegation {\n    id\n    companyName\n    granteeEmail\n    granteeHasAccount\n    scopes\n    validFrom\n    validUntil\n    revokedAt\n    status\n  }\n": types.DelegationFieldsFragmentDoc,
    "\n  query Delegations {\n    delegationsGranted {\n      ...DelegationFields\n    }\n    delegationsReceived {\n      ...DelegationFields\n    }\n  }\n": types.DelegationsDocument,
    "\n  query Colleagues {\n    colleagues {\n      contactId\n      name\n      role\n      hasPortalAccount\n      portalAccountState\n      isYou\n      canInvite\n    }\n  }\n": types.ColleaguesDocument,
    "\n  mutation GrantDelegation($input: GrantDelegationInput!) {\n    grantDelegation(input: $input) {\n      ...DelegationFields\n    }\n  }\n": types.GrantDelegationDocument,
    "\n  mutation RevokeDelegation($id: ID!) {\n    revokeDelegation(id: $id) {\n      id\n      status\n    }\n  }\n": types.RevokeDelegationDocument,
    "\n  mutation SwitchContext($id: ID) {\n    switchContext(delegationId: $id) {\n      delegationId\n      companyName\n    }\n  }\n": types.SwitchContextDocument,
    "\n  mutation InviteColleague($contactId: ID!) {\n    inviteColleague(contactId: $contactId) {\n      contactId\n      portalAccountState\n    }\n  }\n": types.InviteColleagueDocument,
    "\n  query Documents($first: Int!, $after: String, $filter: DocumentFilter) {\n    documents(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        ...PageInfoFields\n      }\n      edges {\n        node {\n          ...DocumentFields\n          source\n          sourceId\n          sourceNumber\n          modifiedAt\n        }\n      }\n    }\n  }\n": types.DocumentsDocument,
    "\n  mutation CreateDocumentDownload($documentId: ID!) {\n    createDocumentDownload(documentId: $documentId) {\n      url\n      expiresAt\n    }\n  }\n": types.CreateDocumentDownloadDocument,
    "\n  fragment PageInfoFields on PageInfo {\n    hasNextPage\n    endCursor\n  }\n": types.PageInfoFieldsFragmentDoc,
    "\n  fragment DocumentFields on Document {\n    id\n    name\n    mimeType\n    size\n  }\n": types.DocumentFieldsFragmentDoc,
    "\n  query Invoices($first: Int!, $after: String, $filter: InvoiceFilter) {\n    invoices(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        ...PageInfoFields\n      }\n      edges {\n        node {\n          id\n          number\n          date\n          amount\n          currency\n          status\n          paymentState\n        }\n      }\n    }\n  }\n": types.InvoicesDocument,
    "\n  query Invoice($id: ID!) {\n    invoice(id: $id) {\n      id\n      number\n      date\n      amount\n      currency\n      status\n      reference\n      subtotal\n      discount\n      tax\n      taxLines {\n        rate\n        base\n        amount\n      }\n      paymentState\n      paymentStatus\n      paymentMethod\n      paymentUrl\n      settledAt\n      refundedAt\n      lines {\n        description\n        quantity\n        unitPrice\n        total\n      }\n      documents {\n        ...DocumentFields\n      }\n    }\n  }\n": types.InvoiceDocument,
    "\n  mutation BeginMfaEnrollment($currentCode: String, $password: String) {\n    beginMfaEnrollment(currentCode: $currentCode, password: $password) {\n      secret\n      otpauthUri\n    }\n  }\n": types.BeginMfaEnrollmentDocument,
    "\n  mutation ConfirmMfaEnrollment($code: String!) {\n    confirmMfaEnrollment(code: $code)\n  }\n": types.ConfirmMfaEnrollmentDocument,
    "\n  mutation DisableMfa($code: String!) {\n    disableMfa(code: $code)\n  }\n": types.DisableMfaDocument,
    "\n  query Orders($first: Int!, $after: String, $filter: OrderFilter) {\n    orders(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        ...PageInfoFields\n      }\n      edges {\n        node {\n          id\n          number\n          date\n          amount\n          currency\n          status\n          paymentState\n        }\n      }\n    }\n  }\n": types.OrdersDocument,
    "\n  query Order($id: ID!) {\n    order(id: $id) {\n      id\n      number\n      date\n      amount\n      currency\n      status\n      reference\n      subtotal\n      discount\n      tax\n      taxLines {\n        rate\n        base\n        amount\n      }\n      paymentState\n      paymentStatus\n      paymentMethod\n      settledAt\n      refundedAt\n      lines {\n        description\n        quantity\n        unitPrice\n        total\n      }\n      documents {\n        ...DocumentFields\n      }\n    }\n  }\n": types.OrderDocument,
    "\n  query DataExports {\n    dataExports {\n      id\n      status\n      requestedAt\n      expiresAt\n      downloadUrl\n    }\n  }\n": types.DataExportsDocument,
    "\n  mutation RequestDataExport {\n    requestDataExport {\n      id\n      status\n      requestedAt\n      expiresAt\n      downloadUrl\n    }\n  }\n": types.RequestDataExportDocument,
    "\n  mutation RequestAccountClosure {\n    requestAccountClosure\n  }\n": types.RequestAccountClosureDocument,
    "\n  mutation ConfirmAccountClosure($token: String!) {\n    confirmAccountClosure(token: $token)\n  }\n": types.ConfirmAccountClosureDocument,
    "\n  fragment ProfileFields on Profile {\n    id\n    email\n    pendingEmail\n    pendingEmailExpiresAt\n    displayName\n    phone\n    address\n    jobTitle\n    locale\n    type\n    mfaEnabled\n    organisation {\n      id\n      name\n      email\n      phone\n      address\n      website\n    }\n  }\n": types.ProfileFieldsFragmentDoc,
    "\n  query Profile {\n    profile {\n      ...ProfileFields\n    }\n  }\n": types.ProfileDocument,
    "\n  mutation UpdateProfile($input: ProfileInput!) {\n    updateProfile(input: $input) {\n      ...ProfileFields\n    }\n  }\n": types.UpdateProfileDocument,
    "\n  query Requests($first: Int!, $after: String, $filter: RequestFilter) {\n    requests(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        ...PageInfoFields\n      }\n      edges {\n        node {\n          id\n          number\n          subject\n          category\n          status\n          date\n        }\n      }\n    }\n  }\n": types.RequestsDocument,
    "\n  query Request($id: ID!) {\n    request(id: $id) {\n      id\n      number\n      subject\n      body\n      category\n      status\n      priority\n      date\n      canReply\n      notes {\n        author\n        createdAt\n        message\n      }\n      documents {\n        ...DocumentFields\n      }\n    }\n  }\n": types.RequestDocument,
    "\n  query RequestCategories {\n    requestCategories {\n      name\n    }\n  }\n": types.RequestCategoriesDocument,
    "\n  mutation SubmitRequest($input: SubmitRequestInput!) {\n    submitRequest(input: $input) {\n      id\n      attachmentFailures {\n        index\n        fileName\n        code\n      }\n    }\n  }\n": types.SubmitRequestDocument,
    "\n  mutation ReplyToRequest($id: ID!, $message: String!) {\n    replyToRequest(id: $id, message: $message) {\n      id\n    }\n  }\n": types.ReplyToRequestDocument,
    "\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input)\n  }\n": types.ChangePasswordDocument,
    "\n  query MySessions {\n    mySessions {\n      id\n      createdAt\n      lastSeenAt\n      browser\n      operatingSystem\n      network\n      current\n    }\n  }\n": types.MySessionsDocument,
    "\n  mutation RevokeSession($id: ID!) {\n    revokeSession(id: $id)\n  }\n": types.RevokeSessionDocument,
    "\n  mutation SignOutOtherSessions {\n    signOutOtherSessions\n  }\n": types.SignOutOtherSessionsDocument,
    "\n  fragment ViewerFields on Viewer {\n    __typename\n    ... on CustomerViewer {\n      enrolmentOnly\n      sessionExpiresAt\n      account {\n        id\n        email\n        type\n        locale\n        contactName\n        mfaEnabled\n      }\n    }\n    ... on StaffViewer {\n      loginName\n      roles\n      tenantId\n    }\n  }\n": types.ViewerFieldsFragmentDoc,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AdminPortalAccount on PortalAccount {\n    id\n    email\n    type\n    status\n    locale\n    activatedAt\n    lastSignInAt\n    createdAt\n    contactName\n  }\n"): (typeof documents)["\n  fragment AdminPortalAccount on PortalAccount {\n    id\n    email\n    type\n    status\n    locale\n    activatedAt\n    lastSignInAt\n    createdAt\n    contactName\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminPortalAccounts($tenantId: ID!, $first: Int!, $after: String, $filter: PortalAccountFilter) {\n    portalAccounts(tenantId: $tenantId, first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        ...PageInfoFields\n      }\n      edges {\n        node {\n          ...AdminPortalAccount\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminPortalAccounts($tenantId: ID!, $first: Int!, $after: String, $filter: PortalAccountFilter) {\n    portalAccounts(tenantId: $tenantId, first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        ...PageInfoFields\n      }\n      edges {\n        node {\n          ...AdminPortalAccount\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation InvitePortalAccount($tenantId: ID!, $input: InvitePortalAccountInput!) {\n    invitePortalAccount(tenantId: $tenantId, input: $input) {\n      ...AdminPortalAccount\n    }\n  }\n"): (typeof documents)["\n  mutation InvitePortalAccount($tenantId: ID!, $input: InvitePortalAccountInput!) {\n    invitePortalAccount(tenantId: $tenantId, input: $input) {\n      ...AdminPortalAccount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminSearchClients($tenantId: ID!, $query: String!, $first: Int) {\n    searchClients(tenantId: $tenantId, query: $query, first: $first) {\n      id\n      name\n      type\n      email\n      contacts {\n        id\n        name\n        email\n        role\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminSearchClients($tenantId: ID!, $query: String!, $first: Int) {\n    searchClients(tenantId: $tenantId, query: $query, first: $first) {\n      id\n      name\n      type\n      email\n      contacts {\n        id\n        name\n        email\n        role\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetPortalAccountStatus($tenantId: ID!, $accountId: ID!, $status: AccountStatus!) {\n    setPortalAccountStatus(tenantId: $tenantId, accountId: $accountId, status: $status) {\n      ...AdminPortalAccount\n    }\n  }\n"): (typeof documents)["\n  mutation SetPortalAccountStatus($tenantId: ID!, $accountId: ID!, $status: AccountStatus!) {\n    setPortalAccountStatus(tenantId: $tenantId, accountId: $accountId, status: $status) {\n      ...AdminPortalAccount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminAuditEvents($tenantId: ID!, $first: Int!, $after: String, $filter: AuditEventFilter) {\n    auditEvents(tenantId: $tenantId, first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        ...PageInfoFields\n      }\n      edges {\n        node {\n          id\n          seq\n          occurredAt\n          type\n          outcome\n          accountId\n          actor\n          actorKind\n          actorLabel\n          targetType\n          targetId\n          details\n          prevHash\n          hash\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminAuditEvents($tenantId: ID!, $first: Int!, $after: String, $filter: AuditEventFilter) {\n    auditEvents(tenantId: $tenantId, first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        ...PageInfoFields\n      }\n      edges {\n        node {\n          id\n          seq\n          occurredAt\n          type\n          outcome\n          accountId\n          actor\n          actorKind\n          actorLabel\n          targetType\n          targetId\n          details\n          prevHash\n          hash\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query VerifyAuditTrail($tenantId: ID!) {\n    verifyAuditTrail(tenantId: $tenantId) {\n      intact\n      checkedEvents\n      firstBrokenSeq\n      reason\n      expected\n      found\n      lastSeq\n      lastHash\n    }\n  }\n"): (typeof documents)["\n  query VerifyAuditTrail($tenantId: ID!) {\n    verifyAuditTrail(tenantId: $tenantId) {\n      intact\n      checkedEvents\n      firstBrokenSeq\n      reason\n      expected\n      found\n      lastSeq\n      lastHash\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditEventTypes {\n    auditEventTypes\n  }\n"): (typeof documents)["\n  query AuditEventTypes {\n    auditEventTypes\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StaffSignIn($input: StaffSignInInput!) {\n    staffSignIn(input: $input) {\n      roles\n      expiresAt\n    }\n  }\n"): (typeof documents)["\n  mutation StaffSignIn($input: StaffSignInInput!) {\n    staffSignIn(input: $input) {\n      roles\n      expiresAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminViewer {\n    viewer {\n      __typename\n      ... on StaffViewer {\n        loginName\n        roles\n        tenantId\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminViewer {\n    viewer {\n      __typename\n      ... on StaffViewer {\n        loginName\n        roles\n        tenantId\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RunRetentionCleanup($tenantId: ID!, $dryRun: Boolean!, $asOf: DateTime) {\n    runRetentionCleanup(tenantId: $tenantId, dryRun: $dryRun, asOf: $asOf) {\n      dryRun\n      ranAt\n      asOf\n      retentionBasis\n      nextcloudReachable\n      checked\n      pseudonymisedCount\n      heldCount\n      failedCount\n      alreadyPseudonymisedCount\n      accounts {\n        accountId\n        outcome\n        heldUntil\n        reasons\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RunRetentionCleanup($tenantId: ID!, $dryRun: Boolean!, $asOf: DateTime) {\n    runRetentionCleanup(tenantId: $tenantId, dryRun: $dryRun, asOf: $asOf) {\n      dryRun\n      ranAt\n      asOf\n      retentionBasis\n      nextcloudReachable\n      checked\n      pseudonymisedCount\n      heldCount\n      failedCount\n      alreadyPseudonymisedCount\n      accounts {\n        accountId\n        outcome\n        heldUntil\n        reasons\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TenantConnectionCheck($tenantId: ID!) {\n    tenantConnectionCheck(tenantId: $tenantId) {\n      checkedAt\n      ok\n      verdict\n      credentialsOk\n      loginName\n      accountDisplayName\n      register\n      records {\n        kind\n        enabled\n        total\n        foundForSampledClients\n      }\n      resources {\n        resource\n        status\n        via\n      }\n      documents\n      problems {\n        severity\n        area\n        kind\n        message\n        fixCommand\n        fixFieldMapping\n      }\n    }\n  }\n"): (typeof documents)["\n  query TenantConnectionCheck($tenantId: ID!) {\n    tenantConnectionCheck(tenantId: $tenantId) {\n      checkedAt\n      ok\n      verdict\n      credentialsOk\n      loginName\n      accountDisplayName\n      register\n      records {\n        kind\n        enabled\n        total\n        foundForSampledClients\n      }\n      resources {\n        resource\n        status\n        via\n      }\n      documents\n      problems {\n        severity\n        area\n        kind\n        message\n        fixCommand\n        fixFieldMapping\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TenantReadiness($tenantId: ID!) {\n    tenantReadiness(tenantId: $tenantId) {\n      ready\n      status\n      reason\n      checkedAt\n    }\n  }\n"): (typeof documents)["\n  query TenantReadiness($tenantId: ID!) {\n    tenantReadiness(tenantId: $tenantId) {\n      ready\n      status\n      reason\n      checkedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AdminTenantConfig on TenantConfig {\n    tenantId\n    isDefault\n    savedAt\n    savedBy\n    displayName\n    primaryColor\n    secondaryColor\n    backgroundColor\n    onPrimaryColor\n    onSecondaryColor\n    logoUrl\n    faviconUrl\n    customDomain\n    subdomain\n    supportEmail\n    supportPhone\n    mailSenderName\n    mailSenderAddress\n    paymentUrlTemplate\n    contractCancellationCategory\n    enabledFeatures\n    b2bEnabled\n    b2cEnabled\n    widgetEnabled\n    widgetAllowedOrigins\n    widgetUrl\n    mfaRequired\n    colleagueInvitesEnabled\n    sessionTtlHours\n    dpoGroup\n    language\n    retentionBasis\n  }\n"): (typeof documents)["\n  fragment AdminTenantConfig on TenantConfig {\n    tenantId\n    isDefault\n    savedAt\n    savedBy\n    displayName\n    primaryColor\n    secondaryColor\n    backgroundColor\n    onPrimaryColor\n    onSecondaryColor\n    logoUrl\n    faviconUrl\n    customDomain\n    subdomain\n    supportEmail\n    supportPhone\n    mailSenderName\n    mailSenderAddress\n    paymentUrlTemplate\n    contractCancellationCategory\n    enabledFeatures\n    b2bEnabled\n    b2cEnabled\n    widgetEnabled\n    widgetAllowedOrigins\n    widgetUrl\n    mfaRequired\n    colleagueInvitesEnabled\n    sessionTtlHours\n    dpoGroup\n    language\n    retentionBasis\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminTenantConfig($tenantId: ID!) {\n    tenantConfig(tenantId: $tenantId) {\n      ...AdminTenantConfig\n    }\n  }\n"): (typeof documents)["\n  query AdminTenantConfig($tenantId: ID!) {\n    tenantConfig(tenantId: $tenantId) {\n      ...AdminTenantConfig\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SaveTenantConfig($tenantId: ID!, $input: TenantConfigInput!) {\n    saveTenantConfig(tenantId: $tenantId, input: $input) {\n      ...AdminTenantConfig\n    }\n  }\n"): (typeof documents)["\n  mutation SaveTenantConfig($tenantId: ID!, $input: TenantConfigInput!) {\n    saveTenantConfig(tenantId: $tenantId, input: $input) {\n      ...AdminTenantConfig\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SubjectEventFields on AuditEvent {\n    id\n    seq\n    occurredAt\n    type\n    outcome\n    accountId\n    actor\n    targetType\n    targetId\n    details\n  }\n"): (typeof documents)["\n  fragment SubjectEventFields on AuditEvent {\n    id\n    seq\n    occurredAt\n    type\n    outcome\n    accountId\n    actor\n    targetType\n    targetId\n    details\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DataSubjectReport($tenantId: ID!, $email: String!, $first: Int!, $after: String) {\n    dataSubjectReport(tenantId: $tenantId, email: $email, first: $first, after: $after) {\n      auditEventCount\n      accounts {\n        id\n        type\n        status\n        matchedBy\n        pseudonymised\n        createdAt\n        lastSignInAt\n        closureRequestedAt\n        closedAt\n        pseudonymisedAt\n        exports {\n          id\n          requestedAt\n          readyAt\n          downloads\n        }\n        retention {\n          outcome\n          heldUntil\n          reasons\n        }\n      }\n      auditEvents {\n        pageInfo {\n          ...PageInfoFields\n        }\n        edges {\n          node {\n            ...SubjectEventFields\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query DataSubjectReport($tenantId: ID!, $email: String!, $first: Int!, $after: String) {\n    dataSubjectReport(tenantId: $tenantId, email: $email, first: $first, after: $after) {\n      auditEventCount\n      accounts {\n        id\n        type\n        status\n        matchedBy\n        pseudonymised\n        createdAt\n        lastSignInAt\n        closureRequestedAt\n        closedAt\n        pseudonymisedAt\n        exports {\n          id\n          requestedAt\n          readyAt\n          downloads\n        }\n        retention {\n          outcome\n          heldUntil\n          reasons\n        }\n      }\n      auditEvents {\n        pageInfo {\n          ...PageInfoFields\n        }\n        edges {\n          node {\n            ...SubjectEventFields\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DataSubjectEvents($tenantId: ID!, $email: String!, $first: Int!, $after: String) {\n    dataSubjectReport(tenantId: $tenantId, email: $email, first: $first, after: $after) {\n      auditEvents {\n        pageInfo {\n          ...PageInfoFields\n        }\n        edges {\n          node {\n            ...SubjectEventFields\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query DataSubjectEvents($tenantId: ID!, $email: String!, $first: Int!, $after: String) {\n    dataSubjectReport(tenantId: $tenantId, email: $email, first: $first, after: $after) {\n      auditEvents {\n        pageInfo {\n          ...PageInfoFields\n        }\n        edges {\n          node {\n            ...SubjectEventFields\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiTokens {\n    apiTokens {\n      id\n      name\n      scopes\n      createdAt\n      lastUsedAt\n      expiresAt\n    }\n  }\n"): (typeof documents)["\n  query ApiTokens {\n    apiTokens {\n      id\n      name\n      scopes\n      createdAt\n      lastUsedAt\n      expiresAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateApiToken($input: ApiTokenInput!) {\n    createApiToken(input: $input) {\n      secret\n      token {\n        id\n        name\n        scopes\n        createdAt\n        lastUsedAt\n        expiresAt\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateApiToken($input: ApiTokenInput!) {\n    createApiToken(input: $input) {\n      secret\n      token {\n        id\n        name\n        scopes\n        createdAt\n        lastUsedAt\n        expiresAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeApiToken($id: ID!) {\n    revokeApiToken(id: $id)\n  }\n"): (typeof documents)["\n  mutation RevokeApiToken($id: ID!) {\n    revokeApiToken(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      status\n      sessionExpiresAt\n      viewer {\n        ...ViewerFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      status\n      sessionExpiresAt\n      viewer {\n        ...ViewerFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignOut {\n    signOut\n  }\n"): (typeof documents)["\n  mutation SignOut {\n    signOut\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email)\n  }\n"): (typeof documents)["\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResetPassword($token: String!, $newPassword: String!) {\n    resetPassword(token: $token, newPassword: $newPassword)\n  }\n"): (typeof documents)["\n  mutation ResetPassword($token: String!, $newPassword: String!) {\n    resetPassword(token: $token, newPassword: $newPassword)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ActivateAccount($token: String!, $password: String!) {\n    activateAccount(token: $token, password: $password)\n  }\n"): (typeof documents)["\n  mutation ActivateAccount($token: String!, $password: String!) {\n    activateAccount(token: $token, password: $password)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConfirmEmailChange($token: String!) {\n    confirmEmailChange(token: $token)\n  }\n"): (typeof documents)["\n  mutation ConfirmEmailChange($token: String!) {\n    confirmEmailChange(token: $token)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AppBootstrap {\n    portal {\n      tenantId\n      displayName\n      primaryColor\n      onPrimaryColor\n      secondaryColor\n      backgroundColor\n      logoUrl\n      faviconUrl\n      supportEmail\n      supportPhone\n      enabledFeatures\n      b2bEnabled\n      b2cEnabled\n      mfaRequired\n    }\n    viewer {\n      ...ViewerFields\n    }\n  }\n"): (typeof documents)["\n  query AppBootstrap {\n    portal {\n      tenantId\n      displayName\n      primaryColor\n      onPrimaryColor\n      secondaryColor\n      backgroundColor\n      logoUrl\n      faviconUrl\n      supportEmail\n      supportPhone\n      enabledFeatures\n      b2bEnabled\n      b2cEnabled\n      mfaRequired\n    }\n    viewer {\n      ...ViewerFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Contracts($first: Int!, $after: String, $filter: ContractFilter) {\n    contracts(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        ...PageInfoFields\n      }\n      edges {\n        node {\n          id\n          number\n          title\n          status\n          startDate\n          endDate\n          value\n          currency\n          billingInterval\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Contracts($first: Int!, $after: String, $filter: ContractFilter) {\n    contracts(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        ...PageInfoFields\n      }\n      edges {\n        node {\n          id\n          number\n          title\n          status\n          startDate\n          endDate\n          value\n          currency\n          billingInterval\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Contract($id: ID!) {\n    contract(id: $id) {\n      id\n      number\n      title\n      status\n      startDate\n      endDate\n      value\n      currency\n      billingInterval\n      noticePeriodDays\n      autoRenew\n      canCancel\n      earliestEndDate\n      lines {\n        description\n        quantity\n        unitPrice\n        total\n      }\n      documents {\n        ...DocumentFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query Contract($id: ID!) {\n    contract(id: $id) {\n      id\n      number\n      title\n      status\n      startDate\n      endDate\n      value\n      currency\n      billingInterval\n      noticePeriodDays\n      autoRenew\n      canCancel\n      earliestEndDate\n      lines {\n        description\n        quantity\n        unitPrice\n        total\n      }\n      documents {\n        ...DocumentFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestContractCancellation($input: ContractCancellationInput!) {\n    requestContractCancellation(input: $input) {\n      id\n      number\n    }\n  }\n"): (typeof documents)["\n  mutation RequestContractCancellation($input: ContractCancellationInput!) {\n    requestContractCancellation(input: $input) {\n      id\n      number\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Dashboard($invoices: Boolean!, $requests: Boolean!, $contracts: Boolean!, $orders: Boolean!) {\n    invoices(first: 5) @include(if: $invoices) {\n      totalCount\n      edges {\n        node {\n          id\n          number\n          date\n          amount\n          currency\n          status\n          paymentState\n        }\n      }\n    }\n    openRequests: requests(first: 1, filter: { status: [\"new\", \"in_progress\"] }) @include(if: $requests) {\n      totalCount\n    }\n    activeContracts: contracts(first: 1, filter: { status: [\"active\", \"expiring\"] }) @include(if: $contracts) {\n      totalCount\n    }\n    orders(first: 1) @include(if: $orders) {\n      totalCount\n    }\n  }\n"): (typeof documents)["\n  query Dashboard($invoices: Boolean!, $requests: Boolean!, $contracts: Boolean!, $orders: Boolean!) {\n    invoices(first: 5) @include(if: $invoices) {\n      totalCount\n      edges {\n        node {\n          id\n          number\n          date\n          amount\n          currency\n          status\n          paymentState\n        }\n      }\n    }\n    openRequests: requests(first: 1, filter: { status: [\"new\", \"in_progress\"] }) @include(if: $requests) {\n      totalCount\n    }\n    activeContracts: contracts(first: 1, filter: { status: [\"active\", \"expiring\"] }) @include(if: $contracts) {\n      totalCount\n    }\n    orders(first: 1) @include(if: $orders) {\n      totalCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CompanyContext {\n    viewer {\n      __typename\n      ... on CustomerViewer {\n        company {\n          id\n          name\n        }\n        actingFor {\n          delegationId\n          companyName\n          scopes\n        }\n      }\n    }\n    delegationsReceived {\n      id\n      companyName\n      status\n    }\n  }\n"): (typeof documents)["\n  query CompanyContext {\n    viewer {\n      __typename\n      ... on CustomerViewer {\n        company {\n          id\n          name\n        }\n        actingFor {\n          delegationId\n          companyName\n          scopes\n        }\n      }\n    }\n    delegationsReceived {\n      id\n      companyName\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DelegationFields on Delegation {\n    id\n    companyName\n    granteeEmail\n    granteeHasAccount\n    scopes\n    validFrom\n    validUntil\n    revokedAt\n    status\n  }\n"): (typeof documents)["\n  fragment DelegationFields on Delegation {\n    id\n    companyName\n    granteeEmail\n    granteeHasAccount\n    scopes\n    validFrom\n    validUntil\n    revokedAt\n    status\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Delegations {\n    delegationsGranted {\n      ...DelegationFields\n    }\n    delegationsReceived {\n      ...DelegationFields\n    }\n  }\n"): (typeof documents)["\n  query Delegations {\n    delegationsGranted {\n      ...DelegationFields\n    }\n    delegationsReceived {\n      ...DelegationFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Colleagues {\n    colleagues {\n      contactId\n      name\n      role\n      hasPortalAccount\n      portalAccountState\n      isYou\n      canInvite\n    }\n  }\n"): (typeof documents)["\n  query Colleagues {\n    colleagues {\n      contactId\n      name\n      role\n      hasPortalAccount\n      portalAccountState\n      isYou\n      canInvite\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation GrantDelegation($input: GrantDelegationInput!) {\n    grantDelegation(input: $input) {\n      ...DelegationFields\n    }\n  }\n"): (typeof documents)["\n  mutation GrantDelegation($input: GrantDelegationInput!) {\n    grantDelegation(input: $input) {\n      ...DelegationFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeDelegation($id: ID!) {\n    revokeDelegation(id: $id) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation RevokeDelegation($id: ID!) {\n    revokeDelegation(id: $id) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SwitchContext($id: ID) {\n    switchContext(delegationId: $id) {\n      delegationId\n      companyName\n    }\n  }\n"): (typeof documents)["\n  mutation SwitchContext($id: ID) {\n    switchContext(delegationId: $id) {\n      delegationId\n      companyName\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation InviteColleague($contactId: ID!) {\n    inviteColleague(contactId: $contactId) {\n      contactId\n      portalAccountState\n    }\n  }\n"): (typeof documents)["\n  mutation InviteColleague($contactId: ID!) {\n    inviteColleague(contactId: $contactId) {\n      contactId\n      portalAccountState\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Documents($first: Int!, $after: String, $filter: DocumentFilter) {\n    documents(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        ...PageInfoFields\n      }\n      edges {\n        node {\n          ...DocumentFields\n          source\n          sourceId\n          sourceNumber\n          modifiedAt\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Documents($first: Int!, $after: String, $filter: DocumentFilter) {\n    documents(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        ...PageInfoFields\n      }\n      edges {\n        node {\n          ...DocumentFields\n          source\n          sourceId\n          sourceNumber\n          modifiedAt\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateDocumentDownload($documentId: ID!) {\n    createDocumentDownload(documentId: $documentId) {\n      url\n      expiresAt\n    }\n  }\n"): (typeof documents)["\n  mutation CreateDocumentDownload($documentId: ID!) {\n    createDocumentDownload(documentId: $documentId) {\n      url\n      expiresAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PageInfoFields on PageInfo {\n    hasNextPage\n    endCursor\n  }\n"): (typeof documents)["\n  fragment PageInfoFields on PageInfo {\n    hasNextPage\n    endCursor\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DocumentFields on Document {\n    id\n    name\n    mimeType\n    size\n  }\n"): (typeof documents)["\n  fragment DocumentFields on Document {\n    id\n    name\n    mimeType\n    size\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Invoices($first: Int!, $after: String, $filter: InvoiceFilter) {\n    invoices(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        ...PageInfoFields\n      }\n      edges {\n        node {\n          id\n          number\n          date\n          amount\n          currency\n          status\n          paymentState\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Invoices($first: Int!, $after: String, $filter: InvoiceFilter) {\n    invoices(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        ...PageInfoFields\n      }\n      edges {\n        node {\n          id\n          number\n          date\n          amount\n          currency\n          status\n          paymentState\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Invoice($id: ID!) {\n    invoice(id: $id) {\n      id\n      number\n      date\n      amount\n      currency\n      status\n      reference\n      subtotal\n      discount\n      tax\n      taxLines {\n        rate\n        base\n        amount\n      }\n      paymentState\n      paymentStatus\n      paymentMethod\n      paymentUrl\n      settledAt\n      refundedAt\n      lines {\n        description\n        quantity\n        unitPrice\n        total\n      }\n      documents {\n        ...DocumentFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query Invoice($id: ID!) {\n    invoice(id: $id) {\n      id\n      number\n      date\n      amount\n      currency\n      status\n      reference\n      subtotal\n      discount\n      tax\n      taxLines {\n        rate\n        base\n        amount\n      }\n      paymentState\n      paymentStatus\n      paymentMethod\n      paymentUrl\n      settledAt\n      refundedAt\n      lines {\n        description\n        quantity\n        unitPrice\n        total\n      }\n      documents {\n        ...DocumentFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BeginMfaEnrollment($currentCode: String, $password: String) {\n    beginMfaEnrollment(currentCode: $currentCode, password: $password) {\n      secret\n      otpauthUri\n    }\n  }\n"): (typeof documents)["\n  mutation BeginMfaEnrollment($currentCode: String, $password: String) {\n    beginMfaEnrollment(currentCode: $currentCode, password: $password) {\n      secret\n      otpauthUri\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConfirmMfaEnrollment($code: String!) {\n    confirmMfaEnrollment(code: $code)\n  }\n"): (typeof documents)["\n  mutation ConfirmMfaEnrollment($code: String!) {\n    confirmMfaEnrollment(code: $code)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DisableMfa($code: String!) {\n    disableMfa(code: $code)\n  }\n"): (typeof documents)["\n  mutation DisableMfa($code: String!) {\n    disableMfa(code: $code)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Orders($first: Int!, $after: String, $filter: OrderFilter) {\n    orders(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        ...PageInfoFields\n      }\n      edges {\n        node {\n          id\n          number\n          date\n          amount\n          currency\n          status\n          paymentState\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Orders($first: Int!, $after: String, $filter: OrderFilter) {\n    orders(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        ...PageInfoFields\n      }\n      edges {\n        node {\n          id\n          number\n          date\n          amount\n          currency\n          status\n          paymentState\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Order($id: ID!) {\n    order(id: $id) {\n      id\n      number\n      date\n      amount\n      currency\n      status\n      reference\n      subtotal\n      discount\n      tax\n      taxLines {\n        rate\n        base\n        amount\n      }\n      paymentState\n      paymentStatus\n      paymentMethod\n      settledAt\n      refundedAt\n      lines {\n        description\n        quantity\n        unitPrice\n        total\n      }\n      documents {\n        ...DocumentFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query Order($id: ID!) {\n    order(id: $id) {\n      id\n      number\n      date\n      amount\n      currency\n      status\n      reference\n      subtotal\n      discount\n      tax\n      taxLines {\n        rate\n        base\n        amount\n      }\n      paymentState\n      paymentStatus\n      paymentMethod\n      settledAt\n      refundedAt\n      lines {\n        description\n        quantity\n        unitPrice\n        total\n      }\n      documents {\n        ...DocumentFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DataExports {\n    dataExports {\n      id\n      status\n      requestedAt\n      expiresAt\n      downloadUrl\n    }\n  }\n"): (typeof documents)["\n  query DataExports {\n    dataExports {\n      id\n      status\n      requestedAt\n      expiresAt\n      downloadUrl\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestDataExport {\n    requestDataExport {\n      id\n      status\n      requestedAt\n      expiresAt\n      downloadUrl\n    }\n  }\n"): (typeof documents)["\n  mutation RequestDataExport {\n    requestDataExport {\n      id\n      status\n      requestedAt\n      expiresAt\n      downloadUrl\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestAccountClosure {\n    requestAccountClosure\n  }\n"): (typeof documents)["\n  mutation RequestAccountClosure {\n    requestAccountClosure\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConfirmAccountClosure($token: String!) {\n    confirmAccountClosure(token: $token)\n  }\n"): (typeof documents)["\n  mutation ConfirmAccountClosure($token: String!) {\n    confirmAccountClosure(token: $token)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ProfileFields on Profile {\n    id\n    email\n    pendingEmail\n    pendingEmailExpiresAt\n    displayName\n    phone\n    address\n    jobTitle\n    locale\n    type\n    mfaEnabled\n    organisation {\n      id\n      name\n      email\n      phone\n      address\n      website\n    }\n  }\n"): (typeof documents)["\n  fragment ProfileFields on Profile {\n    id\n    email\n    pendingEmail\n    pendingEmailExpiresAt\n    displayName\n    phone\n    address\n    jobTitle\n    locale\n    type\n    mfaEnabled\n    organisation {\n      id\n      name\n      email\n      phone\n      address\n      website\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Profile {\n    profile {\n      ...ProfileFields\n    }\n  }\n"): (typeof documents)["\n  query Profile {\n    profile {\n      ...ProfileFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateProfile($input: ProfileInput!) {\n    updateProfile(input: $input) {\n      ...ProfileFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateProfile($input: ProfileInput!) {\n    updateProfile(input: $input) {\n      ...ProfileFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Requests($first: Int!, $after: String, $filter: RequestFilter) {\n    requests(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        ...PageInfoFields\n      }\n      edges {\n        node {\n          id\n          number\n          subject\n          category\n          status\n          date\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Requests($first: Int!, $after: String, $filter: RequestFilter) {\n    requests(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        ...PageInfoFields\n      }\n      edges {\n        node {\n          id\n          number\n          subject\n          category\n          status\n          date\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Request($id: ID!) {\n    request(id: $id) {\n      id\n      number\n      subject\n      body\n      category\n      status\n      priority\n      date\n      canReply\n      notes {\n        author\n        createdAt\n        message\n      }\n      documents {\n        ...DocumentFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query Request($id: ID!) {\n    request(id: $id) {\n      id\n      number\n      subject\n      body\n      category\n      status\n      priority\n      date\n      canReply\n      notes {\n        author\n        createdAt\n        message\n      }\n      documents {\n        ...DocumentFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RequestCategories {\n    requestCategories {\n      name\n    }\n  }\n"): (typeof documents)["\n  query RequestCategories {\n    requestCategories {\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SubmitRequest($input: SubmitRequestInput!) {\n    submitRequest(input: $input) {\n      id\n      attachmentFailures {\n        index\n        fileName\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SubmitRequest($input: SubmitRequestInput!) {\n    submitRequest(input: $input) {\n      id\n      attachmentFailures {\n        index\n        fileName\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReplyToRequest($id: ID!, $message: String!) {\n    replyToRequest(id: $id, message: $message) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation ReplyToRequest($id: ID!, $message: String!) {\n    replyToRequest(id: $id, message: $message) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input)\n  }\n"): (typeof documents)["\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MySessions {\n    mySessions {\n      id\n      createdAt\n      lastSeenAt\n      browser\n      operatingSystem\n      network\n      current\n    }\n  }\n"): (typeof documents)["\n  query MySessions {\n    mySessions {\n      id\n      createdAt\n      lastSeenAt\n      browser\n      operatingSystem\n      network\n      current\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeSession($id: ID!) {\n    revokeSession(id: $id)\n  }\n"): (typeof documents)["\n  mutation RevokeSession($id: ID!) {\n    revokeSession(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignOutOtherSessions {\n    signOutOtherSessions\n  }\n"): (typeof documents)["\n  mutation SignOutOtherSessions {\n    signOutOtherSessions\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ViewerFields on Viewer {\n    __typename\n    ... on CustomerViewer {\n      enrolmentOnly\n      sessionExpiresAt\n      account {\n        id\n        email\n        type\n        locale\n        contactName\n        mfaEnabled\n      }\n    }\n    ... on StaffViewer {\n      loginName\n      roles\n      tenantId\n    }\n  }\n"): (typeof documents)["\n  fragment ViewerFields on Viewer {\n    __typename\n    ... on CustomerViewer {\n      enrolmentOnly\n      sessionExpiresAt\n      account {\n        id\n        email\n        type\n        locale\n        contactName\n        mfaEnabled\n      }\n    }\n    ... on StaffViewer {\n      loginName\n      roles\n      tenantId\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;