/** "How was this computed?": expression trees of the engine's figures, evaluated and written out. */
export * from './expr';
export * from './render';
export * from './laws';
export * from './leverage';
export * from './comprehensive';
export * from './dense-moe';
export * from './deploy';
export * from './plan';
export * from './wang';
export * from './design';
export * from './band';
export * from './best-allocation';
export * from './target';
export * from './next-run';
export * from './fit';
