import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router';

/** The pages, in the order the navigation shows them. */
export const PAGES = [
  { path: '/compute', name: 'compute', title: 'Compute', description: 'Compute-optimal MoE design for a FLOP budget', component: () => import('./pages/ComputePage.vue') },
  { path: '/memory', name: 'memory', title: 'Memory', description: 'Best design that fits a device or memory budget', component: () => import('./pages/MemoryPage.vue') },
  { path: '/inference', name: 'inference', title: 'Inference', description: 'Training plus lifetime inference in one budget', component: () => import('./pages/InferencePage.vue') },
  { path: '/leverage', name: 'leverage', title: 'Leverage', description: 'Efficiency Leverage of fine-grained MoE', component: () => import('./pages/LeveragePage.vue') },
  { path: '/architecture', name: 'architecture', title: 'Architecture', description: 'Five-factor law: experts, sharing, activation', component: () => import('./pages/ArchitecturePage.vue') },
  { path: '/target', name: 'target', title: 'Target', description: 'Reverse planning: the cheapest design that reaches a loss or matches a model', component: () => import('./pages/TargetPage.vue') },
  { path: '/baselines', name: 'baselines', title: 'Baselines', description: 'Dense baselines: Chinchilla and dense-vs-MoE allocation', component: () => import('./pages/BaselinesPage.vue') },
  { path: '/scenarios', name: 'scenarios', title: 'Scenarios', description: 'Saved scenarios, comparison and reports', component: () => import('./pages/ScenariosPage.vue') },
  { path: '/fit', name: 'fit', title: 'Fit', description: 'Fit coefficients to your own training runs', component: () => import('./pages/FitPage.vue') },
  { path: '/next-runs', name: 'next-runs', title: 'Next runs', description: 'Which small runs most narrow the band of the recommendation', component: () => import('./pages/NextRunsPage.vue') },
  { path: '/hardware', name: 'hardware', title: 'Hardware', description: 'Accelerator profiles', component: () => import('./pages/HardwarePage.vue') },
  { path: '/coefficients', name: 'coefficients', title: 'Coefficients', description: 'Published and fitted coefficient sets', component: () => import('./pages/CoefficientsPage.vue') },
  { path: '/about', name: 'about', title: 'About', description: 'Version, data folder and laws', component: () => import('./pages/AboutPage.vue') },
] as const;

const routes: RouteRecordRaw[] = [
  { path: '/', redirect: '/compute' },
  ...PAGES.map((p) => ({ path: p.path, name: p.name, component: p.component, meta: { title: p.title } })),
  { path: '/:rest(.*)*', redirect: '/compute' },
];

export const router = createRouter({ history: createWebHashHistory(), routes });

router.afterEach((to) => {
  const title = (to.meta as { title?: string }).title;
  document.title = title ? `${title} — MoE Workbench` : 'MoE Workbench';
});
