import { mountWindow } from './mount';
import './styles.css';
import './layout.css';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element.');
void mountWindow(root);
