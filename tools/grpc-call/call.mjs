#!/usr/bin/env node
// Calls one gRPC method with a JSON request and prints each response as JSON (one per line for a stream).
//   node call.mjs <host:port> <file.proto> <package.Service/Method> ['<json request>']
// Field names are the .proto's (job_id), enum values their names (INPUT_FORMAT_JSONL).
import path from 'node:path';
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';

const [address, protoFile, fullMethod, json = '{}'] = process.argv.slice(2);
if (!address || !protoFile || !fullMethod?.includes('/')) {
  console.error("usage: node call.mjs <host:port> <file.proto> <package.Service/Method> ['<json request>']");
  process.exit(2);
}

const definition = protoLoader.loadSync(path.resolve(protoFile), {
  keepCase: true, longs: String, enums: String, defaults: true, oneofs: true,
});
const [serviceName, methodName] = fullMethod.split('/');
const service = definition[serviceName];
const method = service?.[methodName];
if (!method) {
  const known = Object.entries(definition)
    .filter(([, value]) => value && !value.format)
    .flatMap(([name, value]) => Object.keys(value).map((m) => `${name}/${m}`));
  console.error(`${fullMethod} is not in ${protoFile}; it has: ${known.join(', ')}`);
  process.exit(2);
}

const Client = grpc.makeGenericClientConstructor(service, serviceName);
const client = new Client(address, grpc.credentials.createInsecure());
const request = JSON.parse(json);
const print = (message) => console.log(JSON.stringify(message, null, 2));
const fail = (error) => {
  console.error(`${grpc.status[error.code] ?? error.code}: ${error.details ?? error.message}`);
  process.exitCode = 1;
};
const call = client[method.originalName ?? methodName].bind(client);

if (method.responseStream) {
  const stream = call(request);
  stream.on('data', print);
  stream.on('error', (error) => { if (error.code !== grpc.status.CANCELLED) fail(error); });
  stream.on('end', () => client.close());
} else {
  call(request, (error, response) => {
    if (error) fail(error); else print(response);
    client.close();
  });
}
