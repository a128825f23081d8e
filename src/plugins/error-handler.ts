// The app's error replies (error-replies.ts), set on the root so that every route answers alike.
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { setErrorReplies } from '../error-replies.ts';

async function errorHandler(app: FastifyInstance) {
  setErrorReplies(app);
}

export default fp(errorHandler, { name: 'error-handler' });
