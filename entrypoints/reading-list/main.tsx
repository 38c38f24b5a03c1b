import { render } from 'preact';
import '../../assets/theme.css';
import { ReadingListApp } from '../../components/ReadingListApp';
import './style.css';

render(<ReadingListApp />, document.getElementById('app')!);
