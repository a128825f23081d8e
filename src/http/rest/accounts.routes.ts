// /accounts/:account_id: ICTCore's accounts API, which the ICTPBX client uses to edit, delete and
// give to a user its DIDs and caller ids (they are accounts of type "did" and "cid"). Each call
// goes to the module that answers for the account's type, with that module's schema and rules;
// fax accounts (type "account") arrive with the fax module.
import type { FastifyInstance } from 'fastify';
import { notFound } from '../../errors.ts';
import { callerIdAnswer } from './caller-ids.routes.ts';
import { didAnswer } from './dids.routes.ts';
import { errorResponses, idParams } from './shared.ts';
import { fromWire } from './wire.ts';

export default async function accountsRoutes(app: FastifyInstance) {
  const { dids, callerIds, accountTypeOf } = app.services;
  const tags = ['routing'];
  const params = idParams('account_id');
  const ownerParams = idParams('account_id', 'user_id');
  const account = { type: 'object', additionalProperties: true, description: 'A DID or a caller id, as /dids and /cids answer them' } as const;

  /** The module answering for the account; any other id is not found. */
  async function moduleOf(id: number) {
    const type = await accountTypeOf(id);
    if (type === 'did') return { get: dids.get, update: dids.update, remove: dids.remove, setOwner: dids.setOwner, answer: didAnswer };
    if (type === 'cid') return { get: callerIds.get, update: callerIds.update, remove: callerIds.remove, setOwner: callerIds.setOwner, answer: callerIdAnswer };
    throw notFound('Account');
  }

  app.get<{ Params: { account_id: number } }>(
    '/accounts/:account_id',
    { schema: { tags, summary: 'Read a DID or caller id as an ICTCore account', params, response: { 200: account, ...errorResponses } } },
    async (request) => {
      const m = await moduleOf(request.params.account_id);
      return m.answer((await m.get(request.params.account_id, request.ctx)) as never);
    },
  );

  app.put<{ Params: { account_id: number } }>(
    '/accounts/:account_id',
    {
      schema: {
        tags,
        summary: "Update a DID or caller id as an ICTCore account (the body is the DID's or the caller id's)",
        params,
        body: { type: 'object', description: 'The fields of /dids or /cids' },
        response: { 200: account, ...errorResponses },
      },
    },
    async (request) => {
      const m = await moduleOf(request.params.account_id);
      return m.answer((await m.update(request.params.account_id, fromWire(request.body), request.ctx)) as never);
    },
  );

  app.delete<{ Params: { account_id: number } }>(
    '/accounts/:account_id',
    { schema: { tags, summary: 'Delete a DID or caller id', params, response: { 200: { type: 'boolean' }, ...errorResponses } } },
    async (request) => {
      await (await moduleOf(request.params.account_id)).remove(request.params.account_id, request.ctx);
      return true;
    },
  );

  app.put<{ Params: { account_id: number; user_id: number } }>(
    '/accounts/:account_id/users/:user_id',
    {
      schema: {
        tags,
        summary: 'Give a DID or caller id to a user of its tenant (the body, whatever it holds, is not read)',
        params: ownerParams,
        body: { description: 'Ignored: the ICTPBX client sends the account again' },
        response: { 200: account, ...errorResponses },
      },
    },
    async (request) => {
      const { account_id: id, user_id: userId } = request.params;
      const m = await moduleOf(id);
      return m.answer((await m.setOwner(id, userId, request.ctx)) as never);
    },
  );

  app.delete<{ Params: { account_id: number } }>(
    '/accounts/:account_id/users',
    { schema: { tags, summary: 'Take a DID or caller id back from its user', params, response: { 200: account, ...errorResponses } } },
    async (request) => {
      const m = await moduleOf(request.params.account_id);
      return m.answer((await m.setOwner(request.params.account_id, null, request.ctx)) as never);
    },
  );
}
