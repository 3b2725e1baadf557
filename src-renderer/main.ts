// The transport goes first: it takes the launch token out of the URL before the router reads it.
import './api/client';
import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { router } from './router';
import './styles/theme.css';

createApp(App).use(createPinia()).use(router).mount('#app');
