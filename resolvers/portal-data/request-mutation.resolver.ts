import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { RequestRecord } from '../../domain/portal-data/records.js';
import type { SubmittedRequest } from '../../domain/portal-data/request-writer.js';
import { ContractCancellationInput } from '../../schema/portal-data/contract.type.js';
import { Request, SubmitRequestInput } from '../../schema/portal-data/request.type.js';
import type { RequestContext } from '../context.js';

@Resolver(() => Request)
export class RequestMutationResolver {
  @Mutation(() => Request, {
    description:
      'Files a new request in Nextcloud for the signed-in customer; at most 5 per account per hour (RATE_LIMITED). ' +
      'Attachments are checked before anything is filed, then stored on the request; any that Nextcloud did not store ' +
      'are listed in attachmentFailures of the answer',
  })
  submitRequest(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => SubmitRequestInput) input: SubmitRequestInput,
  ): Promise<SubmittedRequest> {
    return ctx.portalData.submitRequest(input);
  }

  @Mutation(() => Request, {
    description:
      'Asks to end one of the customer’s running contracts: files a request (the tenant’s contractCancellationCategory) naming ' +
      'the contract and the desired end date. The contract itself is not changed; staff handle the request',
  })
  requestContractCancellation(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => ContractCancellationInput) input: ContractCancellationInput,
  ): Promise<SubmittedRequest> {
    return ctx.portalData.requestContractCancellation(input);
  }

  @Mutation(() => Request, { description: "Adds the customer's message to one of their open requests" })
  replyToRequest(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('message', () => String) message: string,
  ): Promise<RequestRecord> {
    return ctx.portalData.replyToRequest(id, message);
  }
}
