import { beforeAll } from 'vitest';
import { preloadViews } from '../ui/lazyView';

// Components render the lazy views (the detail, Settings, Tools) as the window does once their
// chunks are in: without a fallback frame in between, so a test reads them right after a render.
// Runs after the test file's imports have registered its views.
beforeAll(() => preloadViews());
