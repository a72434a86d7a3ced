import { createRoot, hydrateRoot } from 'react-dom/client';
import { Root } from './Root';
import './styles.css';
import './layout.css';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element.');

// The built index.html already holds the first frame (prerendered by the build), painted before
// this script has even run: React takes it over. The dev server serves an empty root.
if (root.firstElementChild !== null) hydrateRoot(root, <Root />);
else createRoot(root).render(<Root />);
