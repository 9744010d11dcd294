/** Entry of a `DeaThreads` worker: answers frame and solve requests on its part of the data. */
import { parentPort, workerData } from 'node:worker_threads';
import { type DeaData, deaFrame, frameSurvivors, selectUnits, solveAgainstFrame } from '../lib/analysis/dea/index.js';
import type { ThreadRequest } from './dea-threads.js';

const data = workerData.data as DeaData;
const scales = workerData.scales as Float64Array;

function answer(request: ThreadRequest): unknown {
  if (request.kind === 'frame') {
    const found = deaFrame(selectUnits(data, request.units), request.rts, scales);
    return found.units.map((p) => request.units[p]);
  }
  if (request.kind === 'survivors') {
    return frameSurvivors(data, request.candidates, request.tested, request.rts, scales);
  }
  return solveAgainstFrame(request.frame, selectUnits(data, request.units), request.options);
}

parentPort!.on('message', ({ id, request }: { id: number; request: ThreadRequest }) => {
  try {
    parentPort!.postMessage({ id, result: answer(request) });
  } catch (e) {
    parentPort!.postMessage({ id, error: e instanceof Error ? e.message : String(e) });
  }
});
