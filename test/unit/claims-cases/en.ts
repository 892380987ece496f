import type { ClaimCase } from './types';

export const EN_CASE: ClaimCase = {
  lang: 'en',
  source: `Police in Leeds arrested two men on Tuesday after a fire destroyed a warehouse in the city's industrial district, the West Yorkshire force said. The blaze, which broke out shortly after 11 p.m., spread across about 3,000 square metres and could be seen from 5 miles away. Fire chief Sarah Collins said the building had not been in use since 2019. According to Reuters, the warehouse was owned by logistics firm Northgate Holdings, which allegedly ignored two safety warnings last year. Collins told reporters that 60 firefighters had worked through the night to contain the flames. Nobody was injured, but residents of nearby streets were evacuated for 6 hours. Council leader James Patel said the site may be demolished by March 3.`,
  clean: `Leeds warehouse fire: two men arrested

Two men were detained by officers in Leeds on Tuesday after a blaze gutted a warehouse in the industrial part of the city, according to West Yorkshire Police. The fire started just after 11 p.m. It spread over roughly 3000 square metres, and the flames were visible five miles away.

The building had not been used since 2019, fire chief Sarah Collins said. Reuters reported that the site belonged to Northgate Holdings, a logistics company that allegedly disregarded a pair of safety warnings in the previous year. According to Collins, sixty firefighters battled the flames overnight.

No one was hurt. People living on neighbouring streets had to leave their homes for six hours. The site may be torn down by March 3, council leader James Patel said.`,
  errors: [
    { change: 'negation', find: 'had not been used since', replace: 'had been used since' },
    { change: 'negation', find: 'Two men were detained', replace: 'Two men were not detained' },
    { change: 'certainty', find: 'that allegedly disregarded', replace: 'that disregarded' },
    { change: 'certainty', find: 'The site may be torn down', replace: 'The site will be torn down' },
    { change: 'certainty', find: 'It spread over roughly 3000', replace: 'It spread across 3000' },
    { change: 'attribution', find: 'Reuters reported that', replace: 'The BBC reported that' },
    { change: 'attribution', find: 'according to West Yorkshire Police', replace: 'according to the city council' },
    { change: 'name-swap', find: 'According to Collins, sixty', replace: 'According to Patel, sixty' },
    { change: 'name-swap', find: 'belonged to Northgate Holdings', replace: 'belonged to Sarah Collins' },
    { change: 'unit', find: 'visible five miles away', replace: 'visible five kilometres away' },
    { change: 'unit', find: 'for six hours', replace: 'for six days' },
    { change: 'date', find: 'in Leeds on Tuesday', replace: 'in Leeds on Wednesday' },
    { change: 'date', find: 'by March 3', replace: 'by March 4' },
    { change: 'date', find: 'not been used since 2019', replace: 'not been used since 2018' },
    { change: 'figure', find: 'sixty firefighters', replace: 'seventy firefighters' },
    { change: 'figure', find: 'roughly 3000 square', replace: 'roughly 3500 square' },
    {
      change: 'invented',
      find: 'No one was hurt.',
      replace: 'No one was hurt. Investigators believe the fire was started deliberately by former employees of the company.',
    },
    {
      change: 'invented',
      find: 'overnight.',
      replace: 'overnight. The owners had been fined for similar safety breaches at another depot.',
    },
  ],
};
