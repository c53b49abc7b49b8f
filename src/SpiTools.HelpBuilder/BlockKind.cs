using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace SpiTools.HelpBuilder
{
    public enum BlockKind { Paragraph, ListItem, TableRow, Code }
}
